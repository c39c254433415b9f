package ai.softnode.llm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Clients of the model provider, each with a connection pool of its own, lent out so that no pool
 * serves more than {@code callsPerPool} calls at once.
 * <p>
 * To find a connection for a new call, OkHttp looks at every connection in the client's pool, one at
 * a time under that connection's lock. Every streaming answer keeps its connection busy, so with
 * thousands of answers streaming each new call looked through thousands of busy connections. In the
 * benchmark's streams phase that search was nearly half of the CPU spent opening a call, while
 * thousands of answers were starting. Calls go to the first pool with room, so a quiet node uses one
 * client and reuses its idle connections as before. The next client is built the first time the ones
 * before it are full, and is kept. When every pool is full, the least busy takes the call.
 */
final class ProviderPools<C> implements AutoCloseable {

	private final Supplier<C> factory;

	private final Consumer<C> closer;

	private final int callsPerPool;

	private final AtomicReferenceArray<C> clients;

	private final AtomicInteger[] calls;

	ProviderPools(Supplier<C> factory, Consumer<C> closer, int callsPerPool, int maxPools) {
		this.factory = factory;
		this.closer = closer;
		this.callsPerPool = callsPerPool;
		this.clients = new AtomicReferenceArray<>(maxPools);
		this.calls = new AtomicInteger[maxPools];
		for (int i = 0; i < maxPools; i++) {
			this.calls[i] = new AtomicInteger();
		}
	}

	/** A client for one call; closing the lease gives its place back. */
	Lease lease() {
		for (int i = 0; i < this.calls.length; i++) {
			var counter = this.calls[i];
			for (int n = counter.get(); n < this.callsPerPool; n = counter.get()) {
				if (counter.compareAndSet(n, n + 1)) {
					return new Lease(i);
				}
			}
		}
		int fewest = 0;
		for (int i = 1; i < this.calls.length; i++) {
			if (this.calls[i].get() < this.calls[fewest].get()) {
				fewest = i;
			}
		}
		this.calls[fewest].incrementAndGet();
		return new Lease(fewest);
	}

	/** Clients built so far (for tests). */
	int built() {
		int n = 0;
		for (int i = 0; i < this.clients.length(); i++) {
			if (this.clients.get(i) != null) {
				n++;
			}
		}
		return n;
	}

	private C client(int pool) {
		var client = this.clients.get(pool);
		if (client != null) {
			return client;
		}
		synchronized (this) {
			client = this.clients.get(pool);
			if (client == null) {
				client = this.factory.get();
				this.clients.set(pool, client);
			}
			return client;
		}
	}

	@Override
	public synchronized void close() {
		for (int i = 0; i < this.clients.length(); i++) {
			@Nullable C client = this.clients.getAndSet(i, null);
			if (client != null) {
				this.closer.accept(client);
			}
		}
	}

	/** One call's client and its place in that client's pool. */
	final class Lease implements AutoCloseable {

		private final int pool;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Lease(int pool) {
			this.pool = pool;
		}

		/** The client to make the call with; built now if this is its pool's first call. */
		C client() {
			return ProviderPools.this.client(this.pool);
		}

		int pool() {
			return this.pool;
		}

		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				ProviderPools.this.calls[this.pool].decrementAndGet();
			}
		}

	}

}
