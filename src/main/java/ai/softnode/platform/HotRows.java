package ai.softnode.platform;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Queues this node's writers of the same counter rows (a bot's analytics of the day, its visitor
 * figures) in memory, one at a time per key, instead of letting them wait for each other's row locks
 * inside the database. H2 wakes every waiter of a row at each commit, so a few dozen concurrent turns of one bot
 * spent most of their time re-trying row locks; PostgreSQL queues them properly but each waiter holds
 * a pooled connection while it waits (in the chat benchmark on PostgreSQL, 3 ms of waiting per new
 * conversation for its bot's visitor figures). Parked here they cost nothing and hold no connection.
 * Callers must not be inside a transaction (a holder would then wait for a connection while others
 * hold connections waiting for it).
 */
public final class HotRows {

	private final ReentrantLock[] stripes = new ReentrantLock[64];

	public HotRows() {
		for (int i = 0; i < this.stripes.length; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	/** Runs {@code work} once no other writer of {@code key} (or of a key sharing its stripe) is running on this node. */
	public <T> T write(Object key, Supplier<T> work) {
		var lock = this.stripes[Math.floorMod(key.hashCode(), this.stripes.length)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	public void write(Object key, Runnable work) {
		write(key, () -> {
			work.run();
			return null;
		});
	}

}
