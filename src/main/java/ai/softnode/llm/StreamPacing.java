package ai.softnode.llm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How often a streaming answer passes text on, by how many answers stream at once on this node.
 * <p>
 * Every relay of text to a visitor costs a wake-up, a socket read and a socket write, whether it
 * carries one token or twenty. With thousands of answers streaming at once, relaying every token the
 * moment it arrives costs more CPU than the node has, and then everything slows down: new
 * conversations wait, tokens queue. So the node has a budget of relays a second, shared by the answers
 * streaming: an answer that has caught up with the provider passes its text on and then waits
 * (answers streaming ÷ budget) before it reads again, and whatever arrived meanwhile goes out
 * together. Waits under {@link #MIN_PAUSE_NANOS} are not made, so at the default budget a node with
 * fewer than 50 answers streaming per processor passes every token on as it arrives; no wait is
 * longer than {@link #MAX_PAUSE_NANOS}; and the first text of an answer is never held back (the
 * caller, {@code ClaudeAnswerer.relay}, waits only after it has sent text).
 */
final class StreamPacing {

	/** Shorter waits are not worth making: they save little and would only add latency. */
	static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/** Text is passed on at least this often, however busy the node. */
	static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final AtomicInteger streaming = new AtomicInteger();

	private final double nanosPerStream;

	/** {@code relaysPerSecond}: the budget of the whole node. */
	StreamPacing(long relaysPerSecond) {
		if (relaysPerSecond <= 0) {
			throw new IllegalArgumentException("the relay budget must be positive");
		}
		this.nanosPerStream = 1e9 / relaysPerSecond;
	}

	/** Counts an answer as streaming until the returned handle is closed. */
	Streaming start() {
		this.streaming.incrementAndGet();
		return new Streaming();
	}

	/** Answers streaming now. */
	int streaming() {
		return this.streaming.get();
	}

	/** How long an answer that just passed text on waits before reading again; 0 for not at all. */
	long pauseNanos() {
		var pause = (long) (this.streaming.get() * this.nanosPerStream);
		return pause < MIN_PAUSE_NANOS ? 0 : Math.min(pause, MAX_PAUSE_NANOS);
	}

	/** One answer streaming; closing it more than once counts once. */
	final class Streaming implements AutoCloseable {

		private boolean closed;

		private Streaming() {
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				StreamPacing.this.streaming.decrementAndGet();
			}
		}

	}

}
