package ai.softnode.llm;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a bot's knowledge given to the model as context for one question.
 *
 * @param id the caller's stable id of the passage, returned in
 * {@link AnswerResult#citedPassageIds()} when the answer cites it
 * @param title the source's title, shown to the model and in the offline answerer's source line
 * @param url where a visitor can read more, when the source has an address
 * @param text the passage itself; for a Q&A pair, the answer
 * @param question the question, when the passage is a Q&A pair
 * @param score the retrieval score, higher is better
 */
public record ContextPassage(String id, String title, @Nullable String url, String text, @Nullable String question,
		double score) {

	public ContextPassage {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(text, "text");
	}

	/** A passage of plain text. */
	public static ContextPassage text(String id, String title, @Nullable String url, String text, double score) {
		return new ContextPassage(id, title, url, text, null, score);
	}

	/** A question-and-answer pair. */
	public static ContextPassage qa(String id, String question, String answer, double score) {
		return new ContextPassage(id, question, null, answer, question, score);
	}

	public boolean isQa() {
		return this.question != null;
	}

}
