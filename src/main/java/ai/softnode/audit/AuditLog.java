package ai.softnode.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.platform.WorkspaceId;

/** The {@code audit_event} table: appending entries and reading a workspace's log. */
@Repository
class AuditLog {

	static final int MAX_TARGET = 500;

	static final int MAX_ACTOR = 320;

	private static final String COLUMNS = "created_at, actor, actor_id, action, target, country";

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Appends an entry; joins the caller's transaction when there is one. */
	void append(@Nullable WorkspaceId workspace, @Nullable UUID actorId, String actor, String action, String target,
			@Nullable String country, Instant at) {
		this.jdbc.sql("""
				INSERT INTO audit_event (workspace_id, actor_id, actor, action, target, country, created_at)
				VALUES (:ws, :actorId, :actor, :action, :target, :country, :at)""")
			.param("ws", workspace == null ? null : workspace.value())
			.param("actorId", actorId)
			.param("actor", clip(actor, MAX_ACTOR))
			.param("action", clip(action, 64))
			.param("target", clip(target, MAX_TARGET))
			.param("country", country)
			.param("at", at.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** One page of the workspace's entries, newest first; {@code page} counts from 0. */
	AuditPage page(WorkspaceId workspace, AuditFilter filter, int page, int size) {
		var params = AuditFilter.params();
		params.put("ws", workspace.value());
		var where = " WHERE workspace_id = :ws" + filter.where(params);
		var total = this.jdbc.sql("SELECT COUNT(*) FROM audit_event" + where).params(params).query(Long.class).single();
		var items = this.jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.params(params).param("limit", size).param("offset", (long) page * size)
			.query(AuditLog::entry).list();
		return new AuditPage(items, page, size, total);
	}

	/** Every matching entry of the workspace, newest first, one at a time so memory stays bounded. */
	void each(WorkspaceId workspace, AuditFilter filter, Consumer<AuditEntry> action) {
		var params = AuditFilter.params();
		params.put("ws", workspace.value());
		this.jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE workspace_id = :ws" + filter.where(params)
				+ " ORDER BY created_at DESC, id DESC")
			.params(params).withFetchSize(500)
			.query(rs -> {
				action.accept(entry(rs, 0));
			});
	}

	/** The action codes that occur in the workspace's log, for the filter. */
	List<String> actions(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT DISTINCT action FROM audit_event WHERE workspace_id = :ws ORDER BY action")
			.param("ws", workspace.value()).query(String.class).list();
	}

	int deleteWorkspace(WorkspaceId workspace) {
		return this.jdbc.sql("DELETE FROM audit_event WHERE workspace_id = :ws").param("ws", workspace.value()).update();
	}

	/** Removes a user from every entry: as actor and wherever a target names their address. */
	void anonymise(UUID userId, String email) {
		this.jdbc.sql("UPDATE audit_event SET actor = :deleted, actor_id = NULL WHERE actor_id = :user OR LOWER(actor) LIKE :email")
			.param("deleted", AuditRecorder.DELETED_USER).param("user", userId).param("email", contains(email))
			.update();
		var address = email.toLowerCase(Locale.ROOT);
		this.jdbc.sql("UPDATE audit_event SET target = REPLACE(target, :address, :deleted) WHERE target LIKE :email")
			.param("address", address).param("deleted", AuditRecorder.DELETED_USER).param("email", contains(address))
			.update();
		// The address in other letter cases: the whole target goes.
		this.jdbc.sql("UPDATE audit_event SET target = :deleted WHERE LOWER(target) LIKE :email")
			.param("deleted", AuditRecorder.DELETED_USER).param("email", contains(address))
			.update();
	}

	/** Deletes at most {@code batchSize} entries older than {@code cutoff}; returns how many. */
	int deleteOlderThan(OffsetDateTime cutoff, int batchSize, ai.softnode.privacy.spi.RetentionHolder.Tally tally) {
		record Expired(long id, @org.jspecify.annotations.Nullable UUID workspace) {
		}
		var expired = this.jdbc.sql("SELECT id, workspace_id FROM audit_event WHERE created_at < :cutoff ORDER BY created_at FETCH FIRST :n ROWS ONLY")
			.param("cutoff", cutoff).param("n", batchSize)
			.query((rs, row) -> new Expired(rs.getLong("id"), rs.getObject("workspace_id", UUID.class))).list();
		if (expired.isEmpty()) {
			return 0;
		}
		var deleted = this.jdbc.sql("DELETE FROM audit_event WHERE id IN (:ids)")
			.param("ids", expired.stream().map(Expired::id).toList()).update();
		var perWorkspace = new java.util.HashMap<UUID, Integer>();
		expired.stream().filter(e -> e.workspace() != null).forEach(e -> perWorkspace.merge(e.workspace(), 1, Integer::sum));
		perWorkspace.forEach((workspace, n) -> tally.removed(new ai.softnode.platform.WorkspaceId(workspace), n));
		return deleted;
	}

	private static String contains(String email) {
		return AuditFilter.containing(email.toLowerCase(Locale.ROOT));
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getObject("created_at", OffsetDateTime.class), rs.getString("actor"),
				rs.getObject("actor_id", UUID.class), rs.getString("action"), rs.getString("target"), rs.getString("country"));
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
