package ai.softnode.knowledge.source;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.knowledge.text.Vectors;
import ai.softnode.platform.WorkspaceId;

/** Writes the {@code knowledge_chunk} and {@code knowledge_page} tables. */
@Repository
class Chunks {

	private final JdbcClient jdbc;

	Chunks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void deleteOfSource(UUID sourceId) {
		this.jdbc.sql("DELETE FROM knowledge_chunk WHERE source_id = :source").param("source", sourceId).update();
	}

	void insert(WorkspaceId workspace, UUID botId, UUID sourceId, @Nullable UUID pageId, List<Embedded> chunks) {
		for (var chunk : chunks) {
			this.jdbc.sql("""
					INSERT INTO knowledge_chunk (id, workspace_id, bot_id, source_id, page_id, ordinal, title, url, heading, question, text, embedding)
					VALUES (:id, :ws, :bot, :source, :page, :ordinal, :title, :url, :heading, :question, :text, :embedding)""")
				.param("id", UUID.randomUUID()).param("ws", workspace.value()).param("bot", botId).param("source", sourceId)
				.param("page", pageId).param("ordinal", chunk.ordinal()).param("title", clip(chunk.title(), 300))
				.param("url", chunk.url()).param("heading", clip(chunk.heading(), 500)).param("question", chunk.question())
				.param("text", chunk.text()).param("embedding", Vectors.toBytes(chunk.vector()))
				.update();
		}
	}

	int countOfSource(UUID sourceId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM knowledge_chunk WHERE source_id = :source").param("source", sourceId)
			.query(Integer.class).single();
	}

	List<Page> pages(UUID sourceId) {
		return this.jdbc.sql("SELECT id, url, content_hash, characters FROM knowledge_page WHERE source_id = :source")
			.param("source", sourceId)
			.query((rs, row) -> new Page(rs.getObject("id", UUID.class), rs.getString("url"), rs.getString("content_hash"),
					rs.getLong("characters")))
			.list();
	}

	void insertPage(WorkspaceId workspace, UUID sourceId, UUID pageId, String url, String title, String hash, long characters,
			java.time.OffsetDateTime now) {
		this.jdbc.sql("""
				INSERT INTO knowledge_page (id, workspace_id, source_id, url, title, content_hash, characters, fetched_at)
				VALUES (:id, :ws, :source, :url, :title, :hash, :characters, :now)""")
			.param("id", pageId).param("ws", workspace.value()).param("source", sourceId).param("url", clip(url, 2000))
			.param("title", clip(title, 300)).param("hash", hash).param("characters", characters).param("now", now).update();
	}

	void touchPage(UUID pageId, java.time.OffsetDateTime now) {
		this.jdbc.sql("UPDATE knowledge_page SET fetched_at = :now WHERE id = :id").param("id", pageId).param("now", now).update();
	}

	void deletePage(UUID pageId) {
		this.jdbc.sql("DELETE FROM knowledge_page WHERE id = :id").param("id", pageId).update();
	}

	private static @Nullable String clip(@Nullable String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	/** A chunk ready to be stored. */
	record Embedded(int ordinal, String title, @Nullable String url, String heading, @Nullable String question, String text,
			float[] vector) {
	}

	/** A stored page of a website source. */
	record Page(UUID id, String url, String hash, long characters) {
	}

}
