package ai.softnode.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.RetentionHolder;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/** Conversation logs are deleted exactly when their retention has passed, in batches, on one node. */
@IntegrationTest
class RetentionPurgeIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	RetentionPurge purge;

	@Autowired
	List<RetentionHolder> holders;

	@Autowired
	LockProvider locks;

	private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

	private String conversation(String publicId, int daysIdle) {
		var visitor = this.support.visitor(publicId);
		visitor.start(null, null);
		visitor.ask("Hello, question from " + daysIdle + " days ago");
		var id = UUID.fromString(visitor.conversationId());
		this.support.jdbc().sql("UPDATE chat_conversation SET last_message_at = :at, started_at = :at WHERE id = :id")
			.param("at", this.now.minusDays(daysIdle).minusMinutes(1)).param("id", id).update();
		return visitor.conversationId();
	}

	private boolean exists(String conversationId) {
		return this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE id = ?", UUID.fromString(conversationId)) == 1;
	}

	private String bot(User owner, String json) {
		return this.support.createBot(owner, json).path("publicId").asString();
	}

	@Test
	void purgesExactlyTheConversationsPastTheirWorkspaceOrBotRetention() {
		var owner = this.support.signUp("Retention Owner");
		var plain = bot(owner, "{\"name\":\"Default retention\",\"model\":\"offline\"}");
		var strict = bot(owner, "{\"name\":\"Seven days\",\"model\":\"offline\",\"retentionDays\":7}");
		var expiredDefault = conversation(plain, 90);
		var keptDefault = conversation(plain, 89);
		var expiredBot = conversation(strict, 7);
		var keptBot = conversation(strict, 6);

		var other = this.support.signUp("Short Retention Owner");
		this.support.jdbc().sql("INSERT INTO privacy_retention (workspace_id, retention_days) VALUES (:ws, 30)")
			.param("ws", other.workspaceId()).update();
		var otherBot = bot(other, "{\"name\":\"Thirty days\",\"model\":\"offline\",\"retentionDays\":60}");
		var expiredWorkspace = conversation(otherBot, 30);
		var keptWorkspace = conversation(otherBot, 29);

		var removed = this.purge.purge(this.now);

		assertThat(removed.get("conversations")).isGreaterThanOrEqualTo(3);
		assertThat(exists(expiredDefault)).isFalse();
		assertThat(exists(expiredBot)).isFalse();
		assertThat(exists(expiredWorkspace)).as("a longer bot setting does not extend the workspace's").isFalse();
		assertThat(exists(keptDefault)).isTrue();
		assertThat(exists(keptBot)).isTrue();
		assertThat(exists(keptWorkspace)).isTrue();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id IN (?, ?, ?)",
				UUID.fromString(expiredDefault), UUID.fromString(expiredBot), UUID.fromString(expiredWorkspace))).isZero();
		assertThat(this.purge.recentRuns(1).get(0).finishedAt()).isNotNull();
		assertThat(this.purge.recentRuns(1).get(0).removed()).contains("conversations=");
		// each owner sees what the run removed from their own workspace only
		assertThat(this.purge.recentRuns(new WorkspaceId(owner.workspaceId()), 1).get(0).removed()).contains("conversations=2");
		assertThat(this.purge.recentRuns(new WorkspaceId(other.workspaceId()), 1).get(0).removed()).contains("conversations=1");
		var bystander = this.support.signUp("Bystander Owner");
		assertThat(this.purge.recentRuns(new WorkspaceId(bystander.workspaceId()), 1).get(0).removed()).contains("conversations=0");
	}

	@Test
	void anInterruptedPurgeLeavesNothingHalfDeletedAndResumes() {
		var owner = this.support.signUp("Interrupted Owner");
		var publicId = bot(owner, "{\"name\":\"Batch bot\",\"model\":\"offline\",\"retentionDays\":3}");
		var first = conversation(publicId, 10);
		var second = conversation(publicId, 9);
		var chat = this.holders.stream().filter(h -> h.kind().equals("conversations")).findFirst().orElseThrow();

		assertThat(chat.purgeBatch(this.purge::retentionDays, this.now, 1, (workspace, n) -> {
		})).isEqualTo(1);
		// the process dies here: one batch committed, the next never started
		assertThat(exists(first)).isFalse();
		assertThat(exists(second)).isTrue();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(second)))
			.as("the survivor is whole").isEqualTo(2);

		this.purge.purge(this.now);
		assertThat(exists(second)).isFalse();
	}

	@Test
	void whileAnotherNodeHoldsTheLockThisNodeDoesNotPurge() {
		var owner = this.support.signUp("Locked Owner");
		var publicId = bot(owner, "{\"name\":\"Locked bot\",\"model\":\"offline\",\"retentionDays\":2}");
		var expired = conversation(publicId, 5);
		var otherNode = this.locks.lock(new LockConfiguration(Instant.now(), "privacy-retention-purge", Duration.ofMinutes(5), Duration.ZERO))
			.orElseThrow();
		try {
			this.purge.scheduled();
			assertThat(exists(expired)).as("skipped: the other node is purging").isTrue();
		}
		finally {
			otherNode.unlock();
		}
		this.purge.scheduled();
		assertThat(exists(expired)).isFalse();
	}

}
