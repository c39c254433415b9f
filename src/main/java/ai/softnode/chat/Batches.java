package ai.softnode.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Does the database work this node's concurrent requests bring for one key (a workspace's message
 * quota, a bot's answers and their counters) together: while one batch is in the database, the items
 * arriving meanwhile queue here, parked, and the next batch takes all of them in one transaction. So a
 * key's writers still go one at a time, as their counter rows require, but a busy key pays one
 * transaction per batch instead of one per item: on PostgreSQL, where each transaction is several
 * round trips, one bot's answers had queued behind its counter rows at about 200 a second. Items of
 * one key are handed to {@link Work} oldest first. Callers must not be inside a transaction (a batch
 * would then wait for a connection while its caller holds one).
 *
 * @param <K> what the items are grouped by
 * @param <T> an item
 * @param <R> an item's result
 */
final class Batches<K, T, R extends @Nullable Object> {

	/** Does one key's batch; returns one result per item, in the items' order. */
	@FunctionalInterface
	interface Work<K, T, R extends @Nullable Object> {

		List<R> run(K key, List<T> items);

	}

	private final Work<K, T, R> work;

	private final List<Lane<K, T, R>> lanes = new ArrayList<>(64);

	Batches(Work<K, T, R> work) {
		this.work = work;
		for (int i = 0; i < 64; i++) {
			this.lanes.add(new Lane<>());
		}
	}

	/** Does {@code item}'s work with whatever else is queued for {@code key}; its result, or the batch's exception. */
	R submit(K key, T item) {
		var lane = this.lanes.get(Math.floorMod(key.hashCode(), this.lanes.size()));
		var ticket = new Ticket<K, T, R>(key, item);
		List<Ticket<K, T, R>> batch;
		lane.lock.lock();
		try {
			lane.queue.add(ticket);
			while (lane.busy && !ticket.settled) {
				lane.settled.awaitUninterruptibly();
			}
			if (ticket.settled) {
				return ticket.outcome();
			}
			// nothing of this lane is in the database: this caller takes everything queued so far, itself included
			lane.busy = true;
			batch = lane.queue;
			lane.queue = new ArrayList<>();
		}
		finally {
			lane.lock.unlock();
		}
		try {
			run(batch);
		}
		finally {
			lane.lock.lock();
			try {
				for (var settled : batch) {
					settled.settled = true;
				}
				lane.busy = false;
				lane.settled.signalAll();
			}
			finally {
				lane.lock.unlock();
			}
		}
		return ticket.outcome();
	}

	/** How many items wait for the batch in progress (for tests). */
	int waiting() {
		var waiting = 0;
		for (var lane : this.lanes) {
			lane.lock.lock();
			try {
				waiting += lane.queue.size();
			}
			finally {
				lane.lock.unlock();
			}
		}
		return waiting;
	}

	private void run(List<Ticket<K, T, R>> batch) {
		// a lane holds the keys whose hashes share it
		var byKey = new LinkedHashMap<K, List<Ticket<K, T, R>>>();
		for (var ticket : batch) {
			byKey.computeIfAbsent(ticket.key, k -> new ArrayList<>()).add(ticket);
		}
		for (var entry : byKey.entrySet()) {
			var tickets = entry.getValue();
			try {
				var items = new ArrayList<T>(tickets.size());
				for (var ticket : tickets) {
					items.add(ticket.item);
				}
				var results = this.work.run(entry.getKey(), items);
				if (results.size() != tickets.size()) {
					throw new IllegalStateException(results.size() + " results for " + tickets.size() + " items");
				}
				for (int i = 0; i < tickets.size(); i++) {
					tickets.get(i).result = results.get(i);
				}
			}
			catch (RuntimeException | Error ex) {
				for (var ticket : tickets) {
					ticket.failure = ex;
				}
			}
		}
	}

	private static final class Lane<K, T, R extends @Nullable Object> {

		final ReentrantLock lock = new ReentrantLock();

		final Condition settled = this.lock.newCondition();

		List<Ticket<K, T, R>> queue = new ArrayList<>();

		boolean busy;

	}

	private static final class Ticket<K, T, R extends @Nullable Object> {

		final K key;

		final T item;

		boolean settled;

		@Nullable R result;

		@Nullable Throwable failure;

		Ticket(K key, T item) {
			this.key = key;
			this.item = item;
		}

		R outcome() {
			if (this.failure instanceof RuntimeException ex) {
				throw ex;
			}
			if (this.failure instanceof Error error) {
				throw error;
			}
			return this.result;
		}

	}

}
