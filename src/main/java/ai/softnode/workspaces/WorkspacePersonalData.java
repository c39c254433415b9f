package ai.softnode.workspaces;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * The workspace itself, its members, invitations and API keys (metadata only, never key hashes or
 * invitation tokens). Erased after every other holder, since the workspace row is what others refer to.
 */
@Component
@Order(20)
class WorkspacePersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	private final AccountManagement accounts;

	private final Clock clock;

	WorkspacePersonalData(JdbcClient jdbc, AccountManagement accounts, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "workspace";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		var ws = workspace.value();
		archive.add("workspace/workspace.json", "The workspace: id, name and when it was created.",
				out -> ExportRows.jsonObject(this.jdbc.sql("SELECT id, name, created_at FROM workspaces_workspace WHERE id = :ws").param("ws", ws), out));
		archive.add("workspace/members.jsonl", "Members, one per line: user id, name, email address, role and when they joined.",
				out -> this.jdbc.sql("SELECT user_id, role, joined_at FROM workspaces_member WHERE workspace_id = :ws ORDER BY joined_at")
					.param("ws", ws)
					.query(rs -> {
						var member = ExportRows.object(rs);
						this.accounts.find(rs.getObject("user_id", UUID.class)).ifPresent(user -> member.put("name", user.name()).put("email", user.email()));
						ExportRows.line(member, out);
					}));
		archive.add("workspace/invitations.jsonl", "Invitations sent, one per line: address, role, who invited, when, and whether"
				+ " accepted or revoked (the invitation link itself is not exported).",
				out -> ExportRows.jsonLines(this.jdbc.sql("""
						SELECT id, email, role, invited_by, created_at, expires_at, accepted_at, revoked_at
						FROM workspaces_invitation WHERE workspace_id = :ws ORDER BY created_at""").param("ws", ws), out));
		archive.add("workspace/api-keys.jsonl", "API keys, one per line: name, the visible prefix, who created it, when, last use and"
				+ " revocation (keys are stored only as hashes and cannot be exported).",
				out -> ExportRows.jsonLines(this.jdbc.sql("""
						SELECT id, name, prefix, created_by, created_at, last_used_at, revoked_at
						FROM workspaces_api_key WHERE workspace_id = :ws ORDER BY created_at""").param("ws", ws), out));
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		var ws = workspace.value();
		this.jdbc.sql("DELETE FROM workspaces_api_key WHERE workspace_id = :ws").param("ws", ws).update();
		this.jdbc.sql("DELETE FROM workspaces_invitation WHERE workspace_id = :ws").param("ws", ws).update();
		this.jdbc.sql("DELETE FROM workspaces_member WHERE workspace_id = :ws").param("ws", ws).update();
		// every module's table refers to the workspace with ON DELETE CASCADE: anything a holder missed goes too
		this.jdbc.sql("DELETE FROM workspaces_workspace WHERE id = :ws").param("ws", ws).update();
	}

	@Override
	public void eraseUser(UUID userId, String email) {
		this.jdbc.sql("UPDATE workspaces_api_key SET revoked_at = :now WHERE created_by = :user AND revoked_at IS NULL")
			.param("now", OffsetDateTime.now(this.clock)).param("user", userId).update();
		this.jdbc.sql("DELETE FROM workspaces_invitation WHERE email = :email").param("email", email).update();
		this.jdbc.sql("DELETE FROM workspaces_member WHERE user_id = :user").param("user", userId).update();
	}

}
