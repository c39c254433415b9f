package ai.softnode.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** Owners set the workspace's retention on the privacy page; the purge also removes visitors left with nothing. */
@IntegrationTest
class RetentionSettingsIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	RetentionPurge purge;

	@Test
	void ownerSetsRetentionWithinLimitsAndSeesBotOverridesAndPurgeRuns() {
		var seeded = PrivacyFixtures.seed(this.support, "Retention Page", 1, 0);
		var session = seeded.owner().session();
		var page = session.get("/app/settings/privacy");
		assertThat(page.body()).contains("id=\"retentionDays\"").contains("value=\"90\"").contains("id=\"retention-overrides\"")
			.contains("Bot “Bot " + seeded.marker() + "”</span>: <span>30</span> days");

		for (var bad : new String[] { "0", "3651", "ten", "" }) {
			var rejected = session.post("/app/settings/privacy/retention", "retentionDays", bad);
			assertThat(rejected.statusCode()).as(bad).isEqualTo(400);
			assertThat(rejected.body()).contains("id=\"retentionDays-error\"");
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM privacy_retention WHERE workspace_id = ?", seeded.owner().workspaceId())).isZero();

		assertThat(session.post("/app/settings/privacy/retention", "retentionDays", "45").statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT retention_days FROM privacy_retention WHERE workspace_id = ?", seeded.owner().workspaceId())).isEqualTo(45);
		assertThat(this.purge.retentionDays(new ai.softnode.platform.WorkspaceId(seeded.owner().workspaceId()))).isEqualTo(45);

		this.purge.purge(OffsetDateTime.now(ZoneOffset.UTC));
		assertThat(session.get("/app/settings/privacy").body()).contains("id=\"purge-runs\"").contains("conversations=").contains("visitors=")
			.contains("value=\"45\"");
	}

	@Test
	void purgeRemovesVisitorsLeftWithNoConversationAndNoLead() {
		var seeded = PrivacyFixtures.seed(this.support, "Visitor Purge", 3, 1);
		var withLead = UUID.fromString(seeded.visitors().get(0).visitorId());
		var expired = UUID.fromString(seeded.visitors().get(1).visitorId());
		var recent = UUID.fromString(seeded.visitors().get(2).visitorId());
		var longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(40);
		for (var visitor : new UUID[] { withLead, expired }) {
			this.support.jdbc().sql("UPDATE chat_conversation SET last_message_at = :at, started_at = :at WHERE visitor_id = :v")
				.param("at", longAgo).param("v", visitor).update();
			this.support.jdbc().sql("UPDATE visitors_visitor SET last_seen_at = :at, first_seen_at = :at WHERE id = :v")
				.param("at", longAgo).param("v", visitor).update();
		}
		var removed = this.purge.purge(OffsetDateTime.now(ZoneOffset.UTC));
		assertThat(removed.get("visitors")).isGreaterThanOrEqualTo(1);
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE id = ?", expired)).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE id = ?", withLead)).as("a lead keeps the visitor").isEqualTo(1);
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE id = ?", recent)).isEqualTo(1);
	}

	@Test
	void onlyOwnersChangeRetention() {
		var seeded = PrivacyFixtures.seed(this.support, "Retention Roles", 1, 0);
		var admin = this.support.signUp("Retention Admin");
		seeded.owner().session().post("/app/settings/members/invite", "email", admin.email(), "role", "ADMIN");
		var link = TestSupport.linkPath(this.support.awaitMail(admin.email(), "invitation"));
		admin.session().post(link);
		admin.session().post("/app/workspaces/switch", "workspaceId", seeded.owner().workspaceId().toString());
		var page = admin.session().get("/app/settings/privacy");
		assertThat(page.body()).contains("id=\"retention-days\"").doesNotContain("id=\"retentionDays\"");
		assertThat(admin.session().post("/app/settings/privacy/retention", "retentionDays", "10").statusCode()).isEqualTo(403);
		assertThat(this.support.count("SELECT COUNT(*) FROM privacy_retention WHERE workspace_id = ?", seeded.owner().workspaceId())).isZero();
	}

}
