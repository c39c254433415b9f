package ai.softnode.llm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads what a model's answer cites and whether it says it cannot answer. Deliberately plain: a
 * citation is a {@code [Pn]} marker (also {@code [P1, P2]}) naming a passage that was given; "not
 * answered" is a short list of the ways models say they do not know, or the bot's own fallback.
 */
final class Citations {

	private static final Pattern MARKER = Pattern.compile("\\[\\s*(P\\d{1,3}(?:\\s*[,;]\\s*P\\d{1,3})*)\\s*]");

	private static final Pattern LABEL = Pattern.compile("P(\\d{1,3})");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private static final Pattern NO_ANSWER = Pattern.compile(
			"\\b(?:i (?:don't|do not|didn't|did not) know|(?:don't|do not|doesn't|does not) (?:have|contain|include|mention)"
					+ "(?: any)? (?:information|details|an answer|the answer)|(?:can't|cannot|can not|am unable to|am not able to)"
					+ " (?:answer|help with|find)|(?:couldn't|could not) find|no information (?:about|on)|not (?:mentioned|covered) in)");

	private Citations() {
	}

	/** Ids of the passages cited in {@code text}, in order of first citation, each once. */
	static List<String> cited(String text, List<ContextPassage> passages) {
		var ids = new LinkedHashSet<String>();
		var markers = MARKER.matcher(text);
		while (markers.find()) {
			var labels = LABEL.matcher(markers.group(1));
			while (labels.find()) {
				var index = Integer.parseInt(labels.group(1)) - 1;
				if (index >= 0 && index < passages.size()) {
					ids.add(passages.get(index).id());
				}
			}
		}
		return new ArrayList<>(ids);
	}

	/** Whether a complete answer counts as answered from the knowledge (see {@link AnswerResult}). */
	static boolean answered(String text, List<ContextPassage> passages, List<String> cited, String fallbackMessage) {
		if (!passages.isEmpty()) {
			return !cited.isEmpty();
		}
		return !text.isBlank() && !declaresNoAnswer(text, fallbackMessage);
	}

	static boolean declaresNoAnswer(String text, String fallbackMessage) {
		var normal = normalize(text);
		var fallback = normalize(fallbackMessage);
		if (fallback.length() >= 12 && normal.contains(fallback)) {
			return true;
		}
		return NO_ANSWER.matcher(normal).find();
	}

	private static String normalize(String text) {
		return SPACES.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\'')).replaceAll(" ").strip();
	}

}
