package ai.softnode.knowledge.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.platform.WorkspaceId;

/** The {@code knowledge_source} table and the bot's knowledge version counter. */
@Repository
class Sources {

	private final JdbcClient jdbc;

	Sources(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Source> page(WorkspaceId workspace, UUID botId, int page, int size) {
		return this.jdbc.sql("""
				SELECT * FROM knowledge_source WHERE workspace_id = :ws AND bot_id = :bot
				ORDER BY created_at DESC, id OFFSET :offset ROWS FETCH FIRST :size ROWS ONLY""")
			.param("ws", workspace.value()).param("bot", botId).param("offset", (long) page * size).param("size", size)
			.query(Sources::map).list();
	}

	long count(WorkspaceId workspace, UUID botId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM knowledge_source WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", workspace.value()).param("bot", botId).query(Long.class).single();
	}

	Optional<Source> find(WorkspaceId workspace, UUID botId, UUID id) {
		return this.jdbc.sql("SELECT * FROM knowledge_source WHERE workspace_id = :ws AND bot_id = :bot AND id = :id")
			.param("ws", workspace.value()).param("bot", botId).param("id", id).query(Sources::map).optional();
	}

	Optional<Source> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM knowledge_source WHERE id = :id").param("id", id).query(Sources::map).optional();
	}

	/** Locks the source row for the rest of the transaction; empty when it has been deleted. */
	boolean lock(UUID id) {
		return this.jdbc.sql("SELECT id FROM knowledge_source WHERE id = :id FOR UPDATE").param("id", id)
			.query(UUID.class).optional().isPresent();
	}

	/** Characters of knowledge the bot holds, not counting {@code except}. */
	long characters(WorkspaceId workspace, UUID botId, UUID except) {
		return this.jdbc.sql("""
				SELECT COALESCE(SUM(characters), 0) FROM knowledge_source
				WHERE workspace_id = :ws AND bot_id = :bot AND id <> :except""")
			.param("ws", workspace.value()).param("bot", botId).param("except", except).query(Long.class).single();
	}

	long uploadedBytes(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT COALESCE(SUM(file_bytes), 0) FROM knowledge_source WHERE workspace_id = :ws")
			.param("ws", workspace.value()).query(Long.class).single();
	}

	void insert(Source source) {
		this.jdbc.sql("""
				INSERT INTO knowledge_source (id, workspace_id, bot_id, type, title, status, error, stale, content, url, max_pages,
				    schedule, file_name, file_type, file_bytes, characters, chunks, created_at, updated_at, last_synced_at, next_sync_at)
				VALUES (:id, :ws, :bot, :type, :title, :status, :error, :stale, :content, :url, :maxPages, :schedule, :fileName,
				    :fileType, :fileBytes, :characters, :chunks, :created, :updated, :synced, :nextSync)""")
			.param("id", source.id()).param("ws", source.workspace().value()).param("bot", source.botId())
			.param("type", source.type()).param("title", source.title()).param("status", source.status())
			.param("error", source.error()).param("stale", source.stale()).param("content", source.content())
			.param("url", source.url()).param("maxPages", source.maxPages()).param("schedule", source.schedule())
			.param("fileName", source.fileName()).param("fileType", source.fileType()).param("fileBytes", source.fileBytes())
			.param("characters", source.characters()).param("chunks", source.chunks()).param("created", source.createdAt())
			.param("updated", source.updatedAt()).param("synced", source.lastSyncedAt()).param("nextSync", source.nextSyncAt())
			.update();
	}

	void markPending(UUID id, OffsetDateTime now) {
		this.jdbc.sql("UPDATE knowledge_source SET status = 'pending', updated_at = :now WHERE id = :id")
			.param("id", id).param("now", now).update();
	}

	void markProcessing(UUID id, OffsetDateTime now) {
		this.jdbc.sql("UPDATE knowledge_source SET status = 'processing', updated_at = :now WHERE id = :id")
			.param("id", id).param("now", now).update();
	}

	void markReady(UUID id, long characters, int chunks, OffsetDateTime now, OffsetDateTime nextSync) {
		this.jdbc.sql("""
				UPDATE knowledge_source SET status = 'ready', error = NULL, stale = FALSE, characters = :characters,
				    chunks = :chunks, updated_at = :now, last_synced_at = :now, next_sync_at = :nextSync WHERE id = :id""")
			.param("id", id).param("characters", characters).param("chunks", chunks).param("now", now)
			.param("nextSync", nextSync).update();
	}

	/** Failed: a source that still serves chunks of an earlier sync is flagged stale. */
	void markFailed(UUID id, String error, OffsetDateTime now, OffsetDateTime nextSync) {
		this.jdbc.sql("""
				UPDATE knowledge_source SET status = 'failed', error = :error, stale = (chunks > 0), updated_at = :now,
				    next_sync_at = :nextSync WHERE id = :id""")
			.param("id", id).param("error", error.length() > 500 ? error.substring(0, 497) + "..." : error)
			.param("now", now).param("nextSync", nextSync).update();
	}

	int delete(WorkspaceId workspace, UUID botId, UUID id) {
		return this.jdbc.sql("DELETE FROM knowledge_source WHERE workspace_id = :ws AND bot_id = :bot AND id = :id")
			.param("ws", workspace.value()).param("bot", botId).param("id", id).update();
	}

	void deleteBot(WorkspaceId workspace, UUID botId) {
		this.jdbc.sql("DELETE FROM knowledge_source WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", workspace.value()).param("bot", botId).update();
		this.jdbc.sql("DELETE FROM knowledge_version WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", workspace.value()).param("bot", botId).update();
	}

	/** Website sources due for a scheduled re-sync that have no job waiting. */
	List<Source> dueForSync(OffsetDateTime now, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM knowledge_source s WHERE s.type = 'url' AND s.next_sync_at <= :now
				AND NOT EXISTS (SELECT 1 FROM knowledge_job j WHERE j.source_id = s.id)
				ORDER BY s.next_sync_at FETCH FIRST :limit ROWS ONLY""")
			.param("now", now).param("limit", limit).query(Sources::map).list();
	}

	boolean anyChunks() {
		return this.jdbc.sql("SELECT COUNT(*) FROM (SELECT id FROM knowledge_chunk FETCH FIRST 1 ROWS ONLY) c").query(Long.class).single() > 0;
	}

	/** Counts one more change of the bot's knowledge, so every node rebuilds its index. */
	void bumpVersion(WorkspaceId workspace, UUID botId) {
		var updated = this.jdbc.sql("UPDATE knowledge_version SET version = version + 1 WHERE bot_id = :bot")
			.param("bot", botId).update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO knowledge_version (bot_id, workspace_id, version) VALUES (:bot, :ws, 1) ON CONFLICT DO NOTHING")
				.param("bot", botId).param("ws", workspace.value()).update();
			this.jdbc.sql("UPDATE knowledge_version SET version = version + 1 WHERE bot_id = :bot").param("bot", botId).update();
		}
	}

	static Source map(ResultSet rs, int row) throws SQLException {
		return new Source(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				rs.getObject("bot_id", UUID.class), rs.getString("type"), rs.getString("title"), rs.getString("status"),
				rs.getString("error"), rs.getBoolean("stale"), rs.getString("content"), rs.getString("url"),
				rs.getObject("max_pages", Integer.class), rs.getString("schedule"), rs.getString("file_name"),
				rs.getString("file_type"), rs.getLong("file_bytes"), rs.getLong("characters"), rs.getInt("chunks"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("last_synced_at", OffsetDateTime.class), rs.getObject("next_sync_at", OffsetDateTime.class));
	}

}
