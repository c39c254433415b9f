package ai.softnode.chat;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Queues this node's writers of the same counter rows (a bot's usage and analytics of the day, a
 * workspace's message quota) in memory, one at a time per key, instead of letting them wait for
 * each other's row locks inside the database. H2 wakes every waiter of a row at each commit, so a
 * few dozen concurrent turns of one bot spent most of their time re-trying row locks; parked here
 * they cost nothing and do not hold a connection. Callers must not be inside a transaction (a
 * holder would then wait for a connection while others hold connections waiting for it).
 */
final class HotRows {

	private final ReentrantLock[] stripes = new ReentrantLock[64];

	HotRows() {
		for (int i = 0; i < this.stripes.length; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	<T> T write(Object key, Supplier<T> work) {
		var lock = this.stripes[Math.floorMod(key.hashCode(), this.stripes.length)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	void write(Object key, Runnable work) {
		write(key, () -> {
			work.run();
			return null;
		});
	}

}
