package ai.softnode.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import ai.softnode.platform.Audited;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * "Export your data": one ZIP with everything every {@link PersonalDataHolder} stores for a
 * workspace (or about one visitor), written straight to the caller's stream so memory does not grow
 * with the data. A README inside describes each file.
 */
@Service
public class DataExport {

	private static final Logger log = LoggerFactory.getLogger(DataExport.class);

	private final List<PersonalDataHolder> holders;

	private final ApplicationEventPublisher events;

	private final Actors actors;

	private final Clock clock;

	DataExport(List<PersonalDataHolder> holders, ApplicationEventPublisher events, Actors actors, Clock clock) {
		this.holders = holders;
		this.events = events;
		this.actors = actors;
		this.clock = clock;
	}

	/** Fails unless the tenant may export the workspace (owners and admins). */
	public void requireAllowed(Tenant tenant) {
		tenant.require(Role.ADMIN);
	}

	/** A file name for the workspace's export. */
	public String fileName(Tenant tenant) {
		return "softnode-export-" + java.time.LocalDate.now(this.clock) + ".zip";
	}

	/** Writes the workspace's export, with the acting user's own account, as a ZIP to {@code out}. */
	public void exportWorkspace(Tenant tenant, OutputStream out, @Nullable String clientIp) throws IOException {
		requireAllowed(tenant);
		var started = System.nanoTime();
		var archive = new ZipArchive(out);
		for (var holder : this.holders) {
			holder.exportUser(tenant.userId(), archive);
			holder.exportWorkspace(tenant.workspace(), archive);
		}
		archive.finish("""
				Softnode data export
				====================

				Everything Softnode stores for your workspace %s, exported %s, and your own account.
				.jsonl files hold one JSON object per line (JSON Lines); .json files one object; .csv files
				open in any spreadsheet. Times are UTC in ISO-8601. Secrets (password and key hashes, visitor
				tokens) are never exported."""
			.formatted(tenant.workspace(), this.clock.instant()));
		log.info("Exported workspace {} ({} files) in {} ms", tenant.workspace(), archive.files(),
				(System.nanoTime() - started) / 1_000_000);
		this.events.publishEvent(Audited.by(tenant, this.actors.of(tenant), "privacy.exported", "workspace export",
				clientIp, this.clock.instant()));
	}

	/** Writes what every holder stores about the given visitors of the workspace as a ZIP to {@code out}. */
	void exportVisitors(WorkspaceId workspace, String email, Collection<UUID> visitors, OutputStream out) throws IOException {
		var archive = new ZipArchive(out);
		for (var visitor : visitors) {
			for (var holder : this.holders) {
				holder.exportVisitor(workspace, visitor, new PrefixedArchive("visitor-" + visitor + "/", archive));
			}
		}
		archive.finish("""
				Softnode data export for one visitor
				====================================

				Everything the workspace %s stores about the visitor known as %s (%d visitor record(s)),
				exported %s. Times are UTC in ISO-8601."""
			.formatted(workspace, email, visitors.size(), this.clock.instant()));
	}

	/** Puts a visitor's files in a folder of their own, so several visitors of one email do not collide. */
	private record PrefixedArchive(String prefix, ZipArchive archive) implements ai.softnode.privacy.spi.ExportArchive {

		@Override
		public void add(String path, String description, Body body) throws IOException {
			this.archive.add(this.prefix + path, description, body);
		}

	}

}
