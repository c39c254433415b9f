package ai.softnode.knowledge;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a bot's knowledge that matched a question.
 *
 * @param id a stable id of the chunk, used for citations
 * @param sourceId the source it came from
 * @param title the source's title (a page title, a file name, the question of a Q&A pair)
 * @param url where a visitor can read more, when the source has an address
 * @param text the passage itself (for a Q&A pair: the answer)
 * @param question the question, when the passage is a Q&A pair
 * @param score relevance, higher is better; comparable only within one search
 */
public record Passage(String id, UUID sourceId, String title, @Nullable String url, String text, @Nullable String question,
		double score) {

	public boolean isQa() {
		return this.question != null;
	}

}
