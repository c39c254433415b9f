package ai.softnode.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** A user's first consent choice sent twice at the same instant (a double click) is recorded once. */
@IntegrationTest
class ConsentsConcurrencyTests {

	@Autowired
	TestSupport support;

	@Autowired
	Consents consents;

	@Test
	void simultaneousFirstChoicesRecordOneChange() throws Exception {
		for (int round = 0; round < 10; round++) {
			firstChoiceTwice();
		}
	}

	private void firstChoiceTwice() throws Exception {
		var user = this.support.signUp("Double Click");
		var start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(4);
		var results = new ArrayList<Future<Boolean>>();
		try {
			for (int i = 0; i < 4; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.consents.set(user.id(), Purpose.NEWS, true);
				}));
			}
			start.countDown();
			int changed = 0;
			for (var result : results) {
				changed += result.get() ? 1 : 0;
			}
			assertThat(changed).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_consent_change WHERE user_id = ?", user.id())).isEqualTo(1);
		assertThat(this.consents.granted(user.id(), Purpose.NEWS)).isTrue();
	}

}
