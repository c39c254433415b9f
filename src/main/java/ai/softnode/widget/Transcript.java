package ai.softnode.widget;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import ai.softnode.chat.MessageView;

/**
 * A conversation as plain text a visitor can keep: each message with its time (UTC) and who said it,
 * the sources an answer cited, and nothing the visitor did not see (failed answers show as such).
 */
final class Transcript {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private Transcript() {
	}

	static String of(String botName, UUID conversationId, List<MessageView> messages, OffsetDateTime now) {
		var out = new StringBuilder();
		out.append("Conversation with ").append(botName).append('\n');
		out.append("Conversation ").append(conversationId).append(", downloaded ").append(time(now)).append("\n");
		for (var m : messages) {
			var failed = !m.fromVisitor() && "failed".equals(m.status());
			out.append('\n').append('[').append(time(m.createdAt())).append("] ").append(m.fromVisitor() ? "You" : botName).append(":\n");
			var text = failed ? "(no answer: something went wrong)" : m.text();
			for (var line : text.strip().split("\\R", -1)) {
				out.append("  ").append(line).append('\n');
			}
			for (var source : m.sources()) {
				out.append("  Source: ").append(source.title());
				if (source.url() != null) {
					out.append(" <").append(source.url()).append('>');
				}
				out.append('\n');
			}
		}
		return out.toString();
	}

	private static String time(OffsetDateTime at) {
		return TIME.format(at.withOffsetSameInstant(ZoneOffset.UTC));
	}

}
