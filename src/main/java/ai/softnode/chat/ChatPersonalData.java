package ai.softnode.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conversation logs: exported as JSON Lines, one conversation with its messages per line. Read a
 * page of conversations at a time (keyset on the id), with their messages in one indexed range
 * query, so memory stays bounded whatever the workspace holds and no transaction or cursor is kept
 * open while the archive is written to the client.
 */
@Component
@Order(60)
class ChatPersonalData implements PersonalDataHolder {

	static final int PAGE = 500;

	private static final String CONVERSATION_COLUMNS = """
			id, bot_id, visitor_id, channel, started_at, last_message_at, message_count, page_url, referrer, locale, country, utm_source""";

	private static final String MESSAGE_COLUMNS = """
			conversation_id, id, role, text, created_at, status, reply_to, sources, answered, provider, model, input_tokens,
			output_tokens, first_token_ms, total_ms, error_code, feedback, feedback_at""";

	private final JdbcClient jdbc;

	private final ConversationManagement conversations;

	ChatPersonalData(JdbcClient jdbc, ConversationManagement conversations) {
		this.jdbc = jdbc;
		this.conversations = conversations;
	}

	@Override
	public String name() {
		return "chat";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		archive.add("chat/conversations.jsonl", DESCRIPTION, out -> write(workspace, null, out));
	}

	@Override
	public void exportVisitor(WorkspaceId workspace, UUID visitorId, ExportArchive archive) throws IOException {
		archive.add("chat/conversations.jsonl", DESCRIPTION, out -> write(workspace, visitorId, out));
	}

	private static final String DESCRIPTION = """
			Conversations, one per line (JSON Lines), each with its messages in order: who wrote them (visitor or \
			assistant), the text, time, the sources cited, token usage, latency and feedback. Visitor tokens are \
			stored only as hashes and are not exported.""";

	private void write(WorkspaceId workspace, @Nullable UUID visitor, OutputStream out) {
		var filter = visitor == null ? "" : " AND visitor_id = :visitor";
		UUID after = null;
		while (true) {
			// ordered like the (workspace_id, id) index, so that H2 as well as PostgreSQL reads it without sorting
			var page = this.jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM chat_conversation WHERE workspace_id = :ws" + filter
					+ (after == null ? "" : " AND id > :after") + " ORDER BY workspace_id, id FETCH FIRST " + PAGE + " ROWS ONLY");
			page = page.param("ws", workspace.value());
			if (visitor != null) {
				page = page.param("visitor", visitor);
			}
			if (after != null) {
				page = page.param("after", after);
			}
			var lines = new LinkedHashMap<UUID, ObjectNode>();
			page.query(rs -> {
				var conversation = ExportRows.object(rs);
				conversation.putArray("messages");
				lines.put(rs.getObject("id", UUID.class), conversation);
			});
			if (lines.isEmpty()) {
				return;
			}
			var ids = new ArrayList<>(lines.keySet());
			var first = ids.get(0);
			var last = ids.get(ids.size() - 1);
			// one range scan of an index led by conversation_id for the whole page, sorted in memory
			this.jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM chat_message WHERE conversation_id >= :first AND conversation_id <= :last"
					+ " AND workspace_id = :ws ORDER BY conversation_id, created_at, id")
				.param("first", first).param("last", last).param("ws", workspace.value())
				.query(rs -> {
					var conversation = lines.get(rs.getObject("conversation_id", UUID.class));
					if (conversation != null) {
						var message = ExportRows.object(rs);
						message.remove("conversation_id");
						conversation.withArray("messages").add(message);
					}
				});
			lines.values().forEach(line -> ExportRows.line(line, out));
			if (lines.size() < PAGE) {
				return;
			}
			after = last;
		}
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		this.jdbc.sql("DELETE FROM chat_message WHERE workspace_id = :ws").param("ws", workspace.value()).update();
		this.jdbc.sql("DELETE FROM chat_conversation WHERE workspace_id = :ws").param("ws", workspace.value()).update();
		this.jdbc.sql("DELETE FROM chat_bot_usage WHERE workspace_id = :ws").param("ws", workspace.value()).update();
	}

	@Override
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		return this.conversations.eraseVisitor(workspace, visitorId);
	}

}
