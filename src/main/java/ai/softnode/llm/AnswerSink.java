package ai.softnode.llm;

/**
 * Receives an answer while it is being written. Called on the thread that asked for the answer, once
 * per text delta, in order, as soon as the delta arrives.
 */
@FunctionalInterface
public interface AnswerSink {

	/**
	 * Takes the next piece of the answer. An exception thrown here (the visitor went away) ends the
	 * answer early; it is reported as {@code delivery_failed}, not as a provider failure.
	 */
	void delta(String text);

}
