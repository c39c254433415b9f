package ai.softnode.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * The audit log in exports and erasure: a workspace's entries go into its export and are deleted with it;
 * a deleted user is anonymised in the entries of workspaces that stay.
 */
@Component
@Order(900)
class AuditPersonalData implements PersonalDataHolder {

	private static final AuditFilter EVERYTHING = new AuditFilter(null, null, null, null);

	private final AuditLog log;

	AuditPersonalData(AuditLog log) {
		this.log = log;
	}

	@Override
	public String name() {
		return "audit";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		archive.add("audit/audit-log.csv",
				"The workspace's audit log: time (UTC), who, action, target and country of every recorded action, newest first.",
				out -> {
					var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
					AuditCsv.write(this.log, workspace, EVERYTHING, writer);
					writer.flush();
				});
	}

	@Override
	@Transactional
	public void eraseWorkspace(WorkspaceId workspace) {
		this.log.deleteWorkspace(workspace);
	}

	@Override
	@Transactional
	public void eraseUser(UUID userId, String email) {
		this.log.anonymise(userId, email);
	}

}
