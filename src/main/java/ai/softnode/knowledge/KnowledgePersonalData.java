package ai.softnode.knowledge;

import java.io.IOException;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;

/** Knowledge sources with their text (chunks and embeddings are derived from it and not exported). */
@Component
@Order(50)
class KnowledgePersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	KnowledgePersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "knowledge";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		archive.add("knowledge/sources.jsonl", "Knowledge sources, one per line: bot, type (text, qa, file, url), title, status and"
				+ " content (the text; for Q&A a JSON array of question/answer pairs; for files the extracted text).",
				out -> ExportRows.jsonLines(this.jdbc.sql("""
						SELECT id, bot_id, type, title, status, error, url, schedule, file_name, file_type, file_bytes, characters, chunks,
						    created_at, updated_at, last_synced_at, content
						FROM knowledge_source WHERE workspace_id = :ws ORDER BY created_at, id""").param("ws", workspace.value()), out));
		archive.add("knowledge/pages.jsonl", "Pages fetched for website sources, one per line: address, title, size and when fetched.",
				out -> ExportRows.jsonLines(this.jdbc.sql("""
						SELECT source_id, url, title, characters, fetched_at FROM knowledge_page WHERE workspace_id = :ws ORDER BY source_id, url""")
					.param("ws", workspace.value()), out));
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		for (var table : new String[] { "knowledge_job", "knowledge_chunk", "knowledge_page", "knowledge_source", "knowledge_version" }) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :ws").param("ws", workspace.value()).update();
		}
	}

}
