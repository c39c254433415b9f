package ai.softnode.knowledge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.bots.BotManagement;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/**
 * The job table behaves like a queue shared by several nodes. It gets a database of its own: the
 * claim takes the oldest due job of the whole table, and the shared test database holds other tests'
 * jobs and workers.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:softnode-jobs;MODE=PostgreSQL;DB_CLOSE_DELAY=-1")
class JobsIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Autowired
	Sources sources;

	@Autowired
	Jobs jobs;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aJobRunsOnOneNodeAtATimeAndIsTakenOverWhenItsLeaseRunsOut() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Jobs Owner");
		// far enough ahead that the application's own worker leaves it alone
		var later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		var source = new Source(UUID.randomUUID(), owner.tenant().workspace(), owner.botId(), "text", "Queued", Source.PENDING, null, false,
				"Some text.", null, null, "never", null, null, 0, 10, 0, later, later, null, null);
		this.sources.insert(source);
		assertThat(this.jobs.enqueue(owner.tenant().workspace(), owner.botId(), source.id(), later)).isTrue();
		assertThat(this.jobs.enqueue(owner.tenant().workspace(), owner.botId(), source.id(), later)).as("one job per source").isFalse();

		var lease = Duration.ofMinutes(10);
		var first = claim("node-a", later, later.plus(lease));
		assertThat(first).as(() -> this.support.jdbc().sql("SELECT * FROM knowledge_job").query().listOfRows().toString()).isPresent();
		assertThat(first.get().sourceId()).isEqualTo(source.id());
		assertThat(first.get().attempt()).isEqualTo(1);
		var second = this.transactions.execute(tx -> this.jobs.claim("node-b", later.plusMinutes(1), later.plusMinutes(1).plus(lease)));
		assertThat(second).as("leased to node-a").isEmpty();

		var afterCrash = later.plus(lease).plusSeconds(1);
		var resumed = claim("node-b", afterCrash, afterCrash.plus(lease));
		assertThat(resumed).isPresent();
		assertThat(resumed.get().attempt()).isEqualTo(2);
		assertThat(this.jobs.holds(first.get().id(), "node-a")).as("node-a lost its lease").isFalse();
		assertThat(this.jobs.holds(first.get().id(), "node-b")).isTrue();
		assertThat(this.jobs.renew(first.get().id(), "node-a", afterCrash.plus(lease))).as("a lost lease cannot be renewed").isFalse();
		assertThat(this.jobs.renew(first.get().id(), "node-b", afterCrash.plus(lease).plus(lease))).isTrue();
		this.jobs.delete(resumed.get().id());
		assertThat(this.jobs.exists(source.id())).isFalse();
	}

	/** Claims as {@code node}; retried briefly, since a claim skips a row the application's worker has locked. */
	private java.util.Optional<Jobs.Job> claim(String node, OffsetDateTime now, OffsetDateTime until) {
		for (int attempt = 0; attempt < 50; attempt++) {
			var job = this.transactions.execute(tx -> this.jobs.claim(node, now, until));
			if (job != null && job.isPresent()) {
				return job;
			}
			KnowledgeFixtures.sleep(100);
		}
		return java.util.Optional.empty();
	}

}
