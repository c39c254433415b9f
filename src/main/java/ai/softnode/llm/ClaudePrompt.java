package ai.softnode.llm;

import java.util.ArrayList;
import java.util.List;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;

/**
 * Turns an {@link AnswerRequest} into a Messages API request: the stable system prompt as a cached
 * block, the retrieved passages as a second, per-turn block, then history and question.
 */
final class ClaudePrompt {

	static final String GROUNDING = "Answer only from the passages above and cite each passage you use as [P1]. "
			+ "If they do not contain the answer, say so plainly and offer the fallback.";

	static final String NO_PASSAGES = "No passage of the knowledge matched this question. Answer only if your "
			+ "instructions above cover it; otherwise say plainly that you do not know and offer the fallback.";

	private ClaudePrompt() {
	}

	static MessageCreateParams params(String model, AnswerRequest request) {
		var builder = MessageCreateParams.builder()
			.model(model)
			.maxTokens(request.maxTokens())
			// the SDK has no typed setter for temperature any more; the API still takes it
			.putAdditionalBodyProperty("temperature", JsonValue.from(request.temperature()))
			.systemOfTextBlockParams(system(request));
		for (var message : messages(request.history(), request.question())) {
			builder.addMessage(message);
		}
		return builder.build();
	}

	/**
	 * The stable prompt first, marked for caching so repeated turns of a bot reuse it; the context
	 * changes every turn and therefore comes after the cache breakpoint.
	 */
	static List<TextBlockParam> system(AnswerRequest request) {
		var blocks = new ArrayList<TextBlockParam>();
		if (!request.systemPrompt().isBlank()) {
			blocks.add(TextBlockParam.builder()
				.text(request.systemPrompt())
				.cacheControl(CacheControlEphemeral.builder().build())
				.build());
		}
		blocks.add(TextBlockParam.builder().text(context(request.passages(), request.fallbackMessage())).build());
		return blocks;
	}

	/** The per-turn block: each passage labelled P1, P2, … in the order given, then the rules. */
	static String context(List<ContextPassage> passages, String fallbackMessage) {
		var out = new StringBuilder("<context>\n");
		for (int i = 0; i < passages.size(); i++) {
			var passage = passages.get(i);
			out.append("<passage id=\"").append(label(i)).append('"');
			if (passage.isQa()) {
				out.append(" kind=\"qa\"");
			}
			else {
				out.append(" title=\"").append(escape(passage.title())).append('"');
			}
			if (passage.url() != null) {
				out.append(" url=\"").append(escape(passage.url())).append('"');
			}
			out.append('>');
			if (passage.isQa()) {
				out.append("<question>").append(escape(passage.question())).append("</question>");
				out.append("<answer>").append(escape(passage.text())).append("</answer>");
			}
			else {
				out.append(escape(passage.text()));
			}
			out.append("</passage>\n");
		}
		out.append("</context>\n").append(passages.isEmpty() ? NO_PASSAGES : GROUNDING);
		if (!fallbackMessage.isBlank()) {
			out.append("\n<fallback>").append(escape(fallbackMessage)).append("</fallback>");
		}
		return out.toString();
	}

	/** The citation label of the passage at {@code index}: P1 for the first. */
	static String label(int index) {
		return "P" + (index + 1);
	}

	/**
	 * History and question as user/assistant messages. The API wants the conversation to open with
	 * the user and roles to alternate, so a leading greeting is dropped and consecutive messages of one
	 * side are joined (a question left unanswered by an earlier failure stays in view).
	 */
	static List<MessageParam> messages(List<Turn> history, String question) {
		var turns = new ArrayList<Turn>();
		for (var turn : history) {
			if (turn.text().isBlank() || (turns.isEmpty() && turn.speaker() == Turn.Speaker.ASSISTANT)) {
				continue;
			}
			append(turns, turn);
		}
		append(turns, Turn.visitor(question));
		return turns.stream()
			.map(turn -> turn.speaker() == Turn.Speaker.VISITOR ? MessageParam.ofUser(turn.text())
					: MessageParam.ofAssistant(turn.text()))
			.toList();
	}

	private static void append(List<Turn> turns, Turn turn) {
		var last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
		if (last != null && last.speaker() == turn.speaker()) {
			turns.set(turns.size() - 1, new Turn(turn.speaker(), last.text() + "\n\n" + turn.text()));
		}
		else {
			turns.add(turn);
		}
	}

	/** Escapes text so that retrieved content cannot close or forge the tags around it. */
	static String escape(String text) {
		var out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			var c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
