package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ProviderPoolsTests {

	private final AtomicInteger built = new AtomicInteger();

	private final List<String> closed = new ArrayList<>();

	private final ProviderPools<String> pools = new ProviderPools<>(() -> "client-" + this.built.incrementAndGet(), this.closed::add, 3, 4);

	@Test
	void aQuietNodeUsesOneClientCallAfterCall() {
		for (int i = 0; i < 10; i++) {
			try (var lease = this.pools.lease()) {
				assertThat(lease.client()).isEqualTo("client-1");
			}
		}
		assertThat(this.pools.built()).isEqualTo(1);
	}

	@Test
	void callsGoToTheNextPoolOnlyWhenTheOnesBeforeAreFull() {
		var held = new ArrayList<ProviderPools<String>.Lease>();
		for (int i = 0; i < 7; i++) {
			held.add(this.pools.lease());
		}
		assertThat(held).extracting(ProviderPools.Lease::pool).containsExactly(0, 0, 0, 1, 1, 1, 2);
		assertThat(held).extracting(ProviderPools.Lease::client)
			.containsExactly("client-1", "client-1", "client-1", "client-2", "client-2", "client-2", "client-3");
		// a place given back in the first pool is taken before any later pool's
		held.get(1).close();
		held.get(1).close(); // twice gives back one place
		try (var next = this.pools.lease()) {
			assertThat(next.pool()).isZero();
		}
		held.forEach(ProviderPools.Lease::close);
	}

	@Test
	void whenEveryPoolIsFullTheLeastBusyTakesTheCall() {
		var held = new ArrayList<ProviderPools<String>.Lease>();
		for (int i = 0; i < 12; i++) {
			held.add(this.pools.lease());
		}
		held.get(10).close(); // pool 3 now serves 2
		var overflow = this.pools.lease();
		assertThat(overflow.pool()).as("pool 3 has room again").isEqualTo(3);
		var beyond = this.pools.lease();
		assertThat(beyond.pool()).as("all serve 3: the first of the least busy").isZero();
		assertThat(this.pools.built()).as("clients are built when a call needs them").isZero();
		assertThat(beyond.client()).isEqualTo("client-1");
		assertThat(this.pools.built()).isEqualTo(1);
	}

	@Test
	void concurrentCallersBuildEachClientOnceAndNeverOverfillAPool() throws Exception {
		var pools = new ProviderPools<>(() -> "client-" + this.built.incrementAndGet(), this.closed::add, 50, 8);
		var leases = new java.util.concurrent.ConcurrentLinkedQueue<ProviderPools<String>.Lease>();
		var ready = new CountDownLatch(1);
		var executor = Executors.newFixedThreadPool(8);
		try {
			for (int i = 0; i < 200; i++) {
				executor.execute(() -> {
					try {
						ready.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					var lease = pools.lease();
					lease.client();
					leases.add(lease);
				});
			}
			ready.countDown();
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(leases).hasSize(200);
		var perPool = new int[8];
		leases.forEach(lease -> perPool[lease.pool()]++);
		assertThat(perPool).containsExactly(50, 50, 50, 50, 0, 0, 0, 0);
		assertThat(this.built.get()).isEqualTo(4);
	}

	@Test
	void closingClosesEveryClientBuilt() {
		try (var lease = this.pools.lease()) {
			lease.client();
		}
		var held = new ArrayList<ProviderPools<String>.Lease>();
		for (int i = 0; i < 4; i++) {
			held.add(this.pools.lease());
		}
		held.forEach(ProviderPools.Lease::client);
		this.pools.close();
		assertThat(this.closed).containsExactlyInAnyOrder("client-1", "client-2");
	}

}
