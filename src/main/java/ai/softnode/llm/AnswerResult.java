package ai.softnode.llm;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What happened when one answer was streamed.
 *
 * @param status how the answer ended
 * @param text everything that was sent to the sink
 * @param provider {@code anthropic} or {@code offline}
 * @param model the model that answered (as the provider reported it) or {@code offline}
 * @param inputTokens input tokens billed, without cache reads and writes
 * @param outputTokens output tokens billed
 * @param cacheReadTokens input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param firstTokenMillis from the call to the model's first text, or -1 when there was none
 * (also for {@link Status#FALLBACK}, whose text did not come from a model)
 * @param totalMillis from the call to its return
 * @param citedPassageIds ids of the given passages the answer cites, in order of first citation
 * @param answered whether the answer came from the knowledge: a complete answer citing at least one
 * passage, or (with no passages given) a complete answer that does not say it cannot answer
 * @param errorCode a stable code when something went wrong (see {@link Answers}), else null
 * @param errorMessage a description for logs when something went wrong; never show it to visitors
 */
public record AnswerResult(Status status, String text, String provider, String model, int inputTokens, int outputTokens,
		int cacheReadTokens, int cacheWriteTokens, long firstTokenMillis, long totalMillis, List<String> citedPassageIds,
		boolean answered, @Nullable String errorCode, @Nullable String errorMessage) {

	public AnswerResult {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(text, "text");
		citedPassageIds = List.copyOf(citedPassageIds);
	}

	/** Whether the visitor got the whole answer the provider meant to give. */
	public boolean complete() {
		return this.status == Status.COMPLETE;
	}

	/** How an answer ended. */
	public enum Status {

		/** The provider finished the answer. */
		COMPLETE,

		/** The stream broke after some text was sent; {@code text} holds what was sent. */
		PARTIAL,

		/** Nothing was sent: the provider failed before its first text. */
		FAILED,

		/**
		 * The provider was not called because it is failing (circuit breaker open); the fallback
		 * message was sent as the answer.
		 */
		FALLBACK

	}

}
