package ai.softnode.llm;

import java.util.concurrent.TimeUnit;

/**
 * Passes an answer's text to the caller's sink while keeping what was sent and when the first piece
 * went out. Not thread-safe: one answer, one thread.
 */
final class Delivery {

	private final AnswerSink sink;

	private final long startNanos;

	private final StringBuilder text = new StringBuilder();

	private long firstNanos = -1;

	Delivery(AnswerSink sink) {
		this.sink = sink;
		this.startNanos = System.nanoTime();
	}

	/**
	 * Sends one piece; a failing sink surfaces as {@link SinkFailed} so it is not taken for a provider
	 * fault. Only what the sink took counts as sent.
	 */
	void send(String piece) {
		if (piece.isEmpty()) {
			return;
		}
		var arrived = System.nanoTime();
		try {
			this.sink.delta(piece);
		}
		catch (RuntimeException ex) {
			throw new SinkFailed(ex);
		}
		if (this.firstNanos < 0) {
			this.firstNanos = arrived;
		}
		this.text.append(piece);
	}

	boolean started() {
		return this.firstNanos >= 0;
	}

	String text() {
		return this.text.toString();
	}

	long firstTokenMillis() {
		return this.firstNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(this.firstNanos - this.startNanos);
	}

	long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

	long elapsedMillis() {
		return TimeUnit.NANOSECONDS.toMillis(elapsedNanos());
	}

	/** The caller's sink threw: the visitor is gone, the provider is not to blame. */
	static final class SinkFailed extends RuntimeException {

		SinkFailed(RuntimeException cause) {
			super("the answer sink failed: " + cause, cause, false, false);
		}

	}

}
