package ai.softnode.chat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.softnode.platform.Problem;

/**
 * Lets a few visitor messages per processor start at once (checking the visitor, storing the
 * question, preparing the call to the model); the others wait here, parked, first come first
 * served, until one of those has sent its first event. Every request runs on a virtual thread of its
 * own and the scheduler runs them first in, first out, so without this a burst of thousands of new
 * messages queued ahead of the answers already streaming, whose visitors then saw nothing for many
 * seconds (measured in the benchmark's streams phase: no tokens at all for 20 s). Waiting costs no
 * CPU, and a message still waiting after {@link #MAX_WAIT} gets {@code 503 busy} with
 * {@code Retry-After}, having stored nothing.
 */
final class TurnStarts {

	static final Duration MAX_WAIT = Duration.ofSeconds(20);

	private final Semaphore permits;

	private final Duration maxWait;

	TurnStarts() {
		this(Math.max(4, 4 * Runtime.getRuntime().availableProcessors()), MAX_WAIT);
	}

	TurnStarts(int permits, Duration maxWait) {
		this.permits = new Semaphore(permits, true);
		this.maxWait = maxWait;
	}

	/** Waits for a turn's turn to start; the permit must be closed when the request ends. */
	Permit enter() {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			acquired = false;
		}
		if (!acquired) {
			throw Problem.busy();
		}
		return new Permit();
	}

	/** Messages that may start now without waiting (for tests). */
	int available() {
		return this.permits.availablePermits();
	}

	/** One starting turn's place: given back at its first event or at the end of the request, whichever comes first. */
	final class Permit implements AutoCloseable {

		private final AtomicBoolean released = new AtomicBoolean();

		void release() {
			if (this.released.compareAndSet(false, true)) {
				TurnStarts.this.permits.release();
			}
		}

		/** {@code listener}, giving the place back as soon as the turn sends anything. */
		TurnListener releasingOnFirstEvent(TurnListener listener) {
			return new TurnListener() {

				@Override
				public void user(UUID messageId) {
					release();
					listener.user(messageId);
				}

				@Override
				public void delta(String text) {
					release();
					listener.delta(text);
				}

				@Override
				public void done(UUID messageId, List<SourceRef> sources, boolean answered) {
					release();
					listener.done(messageId, sources, answered);
				}

				@Override
				public void error(String code, String message) {
					release();
					listener.error(code, message);
				}

			};
		}

		@Override
		public void close() {
			release();
		}

	}

}
