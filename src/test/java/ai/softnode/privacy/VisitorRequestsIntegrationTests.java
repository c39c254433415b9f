package ai.softnode.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** An owner carries out a visitor's export or deletion request by email; requests are recorded. */
@IntegrationTest
class VisitorRequestsIntegrationTests {

	@Autowired
	TestSupport support;

	private long rowsOf(UUID visitor) {
		return this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE visitor_id = ?", visitor)
				+ this.support.count("SELECT COUNT(*) FROM chat_message m JOIN chat_conversation c ON c.id = m.conversation_id WHERE c.visitor_id = ?", visitor)
				+ this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE visitor_id = ?", visitor)
				+ this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE id = ?", visitor);
	}

	@Test
	void exportAnswersAZipOfThatVisitorOnlyAndDeleteErasesThemEverywhere() {
		var seeded = PrivacyFixtures.seed(this.support, "Request Owner", 3, 2);
		var email = seeded.leadEmails().get(0);
		var visitor = UUID.fromString(seeded.visitors().get(0).visitorId());
		var other = UUID.fromString(seeded.visitors().get(1).visitorId());

		var export = PrivacyFixtures.send(this.support, "POST", "/api/v1/privacy/visitor-requests", seeded.key(),
				"{\"email\":\"" + email.toUpperCase() + "\",\"action\":\"export\"}");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/zip");
		var files = export.entries();
		var prefix = "visitor-" + visitor + "/";
		assertThat(files).containsKeys("README.txt", prefix + "chat/conversations.jsonl", prefix + "visitors/leads.csv", prefix + "visitors/visitor.json");
		assertThat(files.get(prefix + "chat/conversations.jsonl")).contains("asks visitor 0 of").doesNotContain("asks visitor 1 of");
		assertThat(files.get(prefix + "visitors/leads.csv")).contains(email).doesNotContain(seeded.leadEmails().get(1));

		var before = rowsOf(other);
		var delete = this.support.api(seeded.key()).post("/api/v1/privacy/visitor-requests", "{\"email\":\"" + email + "\",\"action\":\"delete\"}");
		assertThat(delete.status()).isEqualTo(200);
		assertThat(delete.json().path("visitors").asInt()).isEqualTo(1);
		assertThat(delete.json().path("rowsDeleted").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(delete.json().path("email").asString()).doesNotContain(email).endsWith("@example.com");
		assertThat(rowsOf(visitor)).isZero();
		assertThat(rowsOf(other)).isEqualTo(before).isPositive();

		// both requests are listed on the privacy page, the deleted address only masked
		var page = seeded.owner().session().get("/app/settings/privacy");
		assertThat(page.body()).contains("id=\"visitor-requests\"").contains(email).contains("deleted 1 visitor(s)");
		assertThat(this.support.count("SELECT COUNT(*) FROM privacy_visitor_request WHERE workspace_id = ?", seeded.owner().workspaceId())).isEqualTo(2);
		assertThat(this.support.count("SELECT COUNT(*) FROM privacy_visitor_request WHERE email = ? AND action = 'delete'", email)).isZero();
	}

	@Test
	void unknownOrInvalidRequestsAreAnsweredClearly() {
		var seeded = PrivacyFixtures.seed(this.support, "Request Checks", 1, 1);
		var api = this.support.api(seeded.key());
		var unknown = api.post("/api/v1/privacy/visitor-requests", "{\"email\":\"nobody@example.com\",\"action\":\"export\"}");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo("visitor_not_found");
		assertThat(this.support.count("SELECT COUNT(*) FROM privacy_visitor_request WHERE workspace_id = ? AND status = 'not_found'",
				seeded.owner().workspaceId())).isEqualTo(1);
		var badEmail = api.post("/api/v1/privacy/visitor-requests", "{\"email\":\"not-an-email\",\"action\":\"export\"}");
		assertThat(badEmail.status()).isEqualTo(400);
		assertThat(badEmail.code()).isEqualTo("validation_failed");
		assertThat(badEmail.body()).contains("\"email\"");
		var badAction = api.post("/api/v1/privacy/visitor-requests", "{\"email\":\"a@example.com\",\"action\":\"sell\"}");
		assertThat(badAction.status()).isEqualTo(400);
		assertThat(badAction.body()).contains("\"action\"");

		// another workspace cannot reach this workspace's visitor
		var stranger = PrivacyFixtures.seed(this.support, "Request Stranger", 1, 0);
		var foreign = this.support.api(stranger.key()).post("/api/v1/privacy/visitor-requests",
				"{\"email\":\"" + seeded.leadEmails().get(0) + "\",\"action\":\"delete\"}");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE email = ?", seeded.leadEmails().get(0))).isEqualTo(1);

		// the dashboard: unknown address shown next to the field; delete one visitor by id
		var session = seeded.owner().session();
		var form = session.post("/app/settings/privacy/visitor-requests", "email", "nobody@example.com", "action", "export");
		assertThat(form.statusCode()).isEqualTo(404);
		assertThat(form.body()).contains("id=\"email-error\"").contains("No visitor of this workspace is known by nobody@example.com");
		var visitor = seeded.visitors().get(0).visitorId();
		var byId = session.post("/app/settings/privacy/visitors/delete", "visitor", visitor);
		assertThat(byId.statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE visitor_id = ?", UUID.fromString(visitor))).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE visitor_id = ?", UUID.fromString(visitor))).isZero();
		var again = session.post("/app/settings/privacy/visitors/delete", "visitor", visitor);
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(again.body()).contains("id=\"visitor-error\"");
	}

}
