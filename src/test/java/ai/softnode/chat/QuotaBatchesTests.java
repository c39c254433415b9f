package ai.softnode.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ai.softnode.platform.WorkspaceId;

/** Messages arriving while a reservation is in the database are reserved together by the next one. */
class QuotaBatchesTests {

	private final WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());

	@Test
	void messagesQueuedBehindAReservationAreReservedInOneCallOldestFirst() throws Exception {
		var quota = new BlockingQuota(6);
		var batches = new QuotaBatches(quota);
		var results = new Boolean[11];
		var threads = new Thread[11];
		threads[0] = start(() -> results[0] = batches.reserve(this.workspace));
		assertThat(quota.entered.await(5, TimeUnit.SECONDS)).as("the first message reserves at once").isTrue();
		for (int i = 1; i < 11; i++) {
			var index = i;
			threads[i] = start(() -> results[index] = batches.reserve(this.workspace));
			awaitWaiting(batches, i);
		}
		quota.release.countDown();
		for (var thread : threads) {
			thread.join(5000);
		}

		assertThat(quota.calls).as("one call for the first message, one for the ten queued behind it").containsExactly(1, 10);
		assertThat(results).containsExactly(true, true, true, true, true, true, false, false, false, false, false);
		assertThat(quota.used.get()).isEqualTo(6);
	}

	@Test
	void aFailedReservationFailsEveryMessageOfItsBatchAndTheNextOneWorks() throws Exception {
		var failing = new AtomicInteger(1);
		var calls = new CopyOnWriteArrayList<Integer>();
		MessageQuota quota = (workspace, messages) -> {
			calls.add(messages);
			if (failing.getAndDecrement() > 0) {
				throw new IllegalStateException("database down");
			}
			return messages;
		};
		var batches = new QuotaBatches(quota);

		assertThatIllegalStateException().isThrownBy(() -> batches.reserve(this.workspace))
			.withMessage("database down");
		assertThat(batches.reserve(this.workspace)).isTrue();
		assertThat(calls).containsExactly(1, 1);
	}

	private static Thread start(Runnable work) {
		var thread = new Thread(work);
		thread.start();
		return thread;
	}

	private static void awaitWaiting(QuotaBatches batches, int expected) throws InterruptedException {
		var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (batches.waiting() < expected) {
			assertThat(System.nanoTime()).as("message %d queued", expected).isLessThan(deadline);
			Thread.sleep(1);
		}
	}

	/** A quota of {@code limit} messages whose first reservation waits for {@link #release}. */
	private static final class BlockingQuota implements MessageQuota {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<Integer> calls = new CopyOnWriteArrayList<>();

		final AtomicInteger used = new AtomicInteger();

		private final int limit;

		BlockingQuota(int limit) {
			this.limit = limit;
		}

		@Override
		public int reserve(WorkspaceId workspace, int messages) {
			this.calls.add(messages);
			this.entered.countDown();
			try {
				this.release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			var granted = Math.max(0, Math.min(messages, this.limit - this.used.get()));
			this.used.addAndGet(granted);
			return granted;
		}

	}

}
