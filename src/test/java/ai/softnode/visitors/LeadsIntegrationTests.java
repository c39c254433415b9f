package ai.softnode.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;
import ai.softnode.support.VisitorClient;

/** Leads through the widget API, the JSON/CSV API and the dashboard. */
@IntegrationTest
class LeadsIntegrationTests {

	@Autowired
	TestSupport support;

	record Setup(User owner, String botId, String publicId, String key) {
	}

	private Setup bot(String mode) {
		var owner = this.support.signUp("Lead Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.api(key)
			.post("/api/v1/bots", "{\"name\":\"Lead bot\",\"model\":\"offline\",\"leadCapture\":{\"mode\":\"" + mode
					+ "\",\"afterMessages\":1,\"fields\":[\"name\",\"email\",\"phone\"]}}")
			.json();
		return new Setup(owner, bot.path("id").asString(), bot.path("publicId").asString(), key);
	}

	private VisitorClient visitor(Setup setup) {
		var visitor = this.support.visitor(setup.publicId()).fromIp("81.2.69.160");
		assertThat(visitor.start("https://shop.example/", null).status()).isEqualTo(201);
		return visitor;
	}

	private long leads(Setup setup) {
		return this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE bot_id = ?", UUID.fromString(setup.botId()));
	}

	@Test
	void leadIsStoredWithConsentTextVersionTimeAndCountry() {
		var setup = bot("AFTER_MESSAGES");
		var visitor = visitor(setup);
		var config = visitor.config().json().path("leadCapture");
		assertThat(config.path("mode").asString()).isEqualTo("AFTER_MESSAGES");
		assertThat(config.path("consentText").asString()).contains("Lead bot");
		var created = visitor.lead("{\"name\":\"Ann Smith\",\"email\":\"ann@example.com\",\"phone\":\"+44 20 7946 0000\",\"consent\":true}");
		assertThat(created.status()).isEqualTo(201);
		var list = this.support.api(setup.key()).get("/api/v1/bots/" + setup.botId() + "/leads");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().path("total").asInt()).isEqualTo(1);
		var lead = list.json().path("items").get(0);
		assertThat(lead.path("email").asString()).isEqualTo("ann@example.com");
		assertThat(lead.path("name").asString()).isEqualTo("Ann Smith");
		assertThat(lead.path("country").asString()).isEqualTo("GB");
		assertThat(lead.path("conversationId").asString()).isEqualTo(visitor.conversationId());
		assertThat(lead.path("botId").asString()).isEqualTo(setup.botId());
		assertThat(lead.path("consent").path("given").asBoolean()).isTrue();
		assertThat(lead.path("consent").path("text").asString()).isEqualTo(config.path("consentText").asString());
		assertThat(lead.path("consent").path("version").asString()).hasSize(12);
		assertThat(lead.path("consent").path("at").asString()).isNotBlank();
		assertThat(lead.path("createdAt").asString()).isNotBlank();
	}

	@Test
	void invalidLeadsAreRefusedFieldByFieldAndNothingIsStored() {
		var setup = bot("AFTER_MESSAGES");
		var visitor = visitor(setup);
		var badEmail = visitor.lead("{\"email\":\"not-an-email\",\"consent\":true}");
		assertThat(badEmail.status()).isEqualTo(400);
		assertThat(badEmail.body()).contains("email").contains("valid email address");
		var noConsent = visitor.lead("{\"email\":\"ann@example.com\",\"consent\":false}");
		assertThat(noConsent.status()).isEqualTo(400);
		assertThat(noConsent.body()).contains("consent").contains("tick the box");
		var missingConsent = visitor.lead("{\"email\":\"ann@example.com\"}");
		assertThat(missingConsent.status()).isEqualTo(400);
		var longName = visitor.lead("{\"name\":\"" + "x".repeat(10_240) + "\",\"email\":\"ann@example.com\",\"consent\":true}");
		assertThat(longName.status()).isBetween(400, 413);
		assertThat(longName.body()).containsAnyOf("name", "too large", "too long");
		assertThat(leads(setup)).isZero();
	}

	@Test
	void leadNeedsTheVisitorsTokenAndCaptureSwitchedOn() {
		var off = bot("OFF");
		var offVisitor = visitor(off);
		var refused = offVisitor.lead("{\"email\":\"ann@example.com\",\"consent\":true}");
		assertThat(refused.status()).isEqualTo(409);
		assertThat(leads(off)).isZero();
		var on = bot("BEFORE_CHAT");
		var visitor = visitor(on);
		var stranger = this.support.visitor(on.publicId()).withToken("vt_wrong").inConversation(visitor.conversationId());
		assertThat(stranger.lead("{\"email\":\"ann@example.com\",\"consent\":true}").status()).isEqualTo(401);
		assertThat(leads(on)).isZero();
	}

	@Test
	void csvExportOpensFormulasAsText() {
		var setup = bot("AFTER_MESSAGES");
		var visitor = visitor(setup);
		assertThat(visitor.lead("{\"name\":\"=HYPERLINK(\\\"http://x\\\")\",\"email\":\"eve@example.com\",\"phone\":\"+1 555 0100\",\"consent\":true}").status())
			.isEqualTo(201);
		var csv = this.support.api(setup.key()).send("GET", "/api/v1/bots/" + setup.botId() + "/leads", null, "text/csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains("'+1 555 0100").contains("eve@example.com")
			.doesNotContain(",=HYPERLINK");
	}

	@Test
	void anotherWorkspaceCannotSeeOrChangeLeads() {
		var setup = bot("AFTER_MESSAGES");
		visitor(setup).lead("{\"email\":\"ann@example.com\",\"consent\":true}");
		var leadId = this.support.jdbc().sql("SELECT id FROM visitors_lead WHERE bot_id = ?").param(UUID.fromString(setup.botId()))
			.query(UUID.class).single();
		var other = this.support.signUp("Other Owner");
		var otherKey = this.support.createApiKey(other);
		assertThat(this.support.api(otherKey).get("/api/v1/bots/" + setup.botId() + "/leads").status()).isEqualTo(404);
		assertThat(other.session().get("/app/leads/" + leadId).statusCode()).isEqualTo(404);
		other.session().post("/app/leads/" + leadId + "/delete");
		assertThat(leads(setup)).isEqualTo(1);
		assertThat(other.session().get("/app/leads").body()).doesNotContain("ann@example.com");
	}

	@Test
	void ownerSearchesCorrectsAndDeletesLeadsInTheDashboard() {
		var setup = bot("AFTER_MESSAGES");
		visitor(setup).lead("{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"consent\":true}");
		visitor(setup).lead("{\"name\":\"Bob\",\"email\":\"bob@example.com\",\"consent\":true}");
		var session = setup.owner().session();
		var page = session.get("/app/leads?q=bob");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("bob@example.com").doesNotContain("ann@example.com");
		var leadId = this.support.jdbc().sql("SELECT id FROM visitors_lead WHERE email = 'bob@example.com' AND bot_id = ?")
			.param(UUID.fromString(setup.botId())).query(UUID.class).single();
		var show = session.get("/app/leads/" + leadId);
		assertThat(show.body()).contains("Bob").contains("/app/conversations/");
		var invalid = session.post("/app/leads/" + leadId, "name", "Robert", "email", "nope", "phone", "", "company", "");
		assertThat(invalid.body()).contains("valid email address");
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE id = ? AND name = 'Bob'", leadId)).isEqualTo(1);
		session.post("/app/leads/" + leadId, "name", "Robert", "email", "rob@example.com", "phone", "", "company", "Acme");
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE id = ? AND name = 'Robert' AND email = 'rob@example.com' AND company = 'Acme'",
				leadId)).isEqualTo(1);
		session.post("/app/leads/" + leadId + "/delete");
		assertThat(leads(setup)).isEqualTo(1);
	}

	@Test
	void ownerSetsConsentWordingPrivacyLinkAndWhoIsNotified() {
		var setup = bot("AFTER_MESSAGES");
		var session = setup.owner().session();
		var invalid = session.post("/app/bots/" + setup.botId() + "/leads", "consentText", "x", "privacyUrl", "javascript:alert(1)");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("Use an http(s):// address");
		session.post("/app/bots/" + setup.botId() + "/leads", "consentText", "You may email me about my question.", "privacyUrl",
				"https://shop.example/privacy", "notifyMembers", setup.owner().id().toString());
		var visitor = visitor(setup);
		var config = visitor.config().json().path("leadCapture");
		assertThat(config.path("consentText").asString()).isEqualTo("You may email me about my question.");
		assertThat(config.path("privacyUrl").asString()).isEqualTo("https://shop.example/privacy");
		assertThat(visitor.lead("{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"consent\":true}").status()).isEqualTo(201);
		var lead = this.support.api(setup.key()).get("/api/v1/bots/" + setup.botId() + "/leads").json().path("items").get(0);
		assertThat(lead.path("consent").path("text").asString()).isEqualTo("You may email me about my question.");
		assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND kind = 'lead' AND body_text LIKE '%ann@example.com%'",
				setup.owner().email().toLowerCase())).isEqualTo(1);
		// the visitor erasing their data takes the notification naming them with it
		assertThat(visitor.erase().status()).isEqualTo(204);
		assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND body_text LIKE '%ann@example.com%'",
				setup.owner().email().toLowerCase())).isZero();
	}

	@Test
	void visitorErasingTheirDataRemovesTheirLeadsAndVisitorRecord() {
		var setup = bot("AFTER_MESSAGES");
		var visitor = visitor(setup);
		visitor.lead("{\"email\":\"gone@example.com\",\"consent\":true}");
		var visitorId = UUID.fromString(visitor.visitorId());
		assertThat(leads(setup)).isEqualTo(1);
		assertThat(visitor.erase().status()).isEqualTo(204);
		assertThat(leads(setup)).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE id = ?", visitorId)).isZero();
	}

	private Setup botWithQuestion(String mode, boolean required) {
		var owner = this.support.signUp("Question Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.api(key)
			.post("/api/v1/bots", "{\"name\":\"Quote bot\",\"model\":\"offline\",\"leadCapture\":{\"mode\":\"" + mode
					+ "\",\"fields\":[\"email\"],\"question\":\"What is your budget?\",\"questionRequired\":" + required + "}}");
		assertThat(bot.status()).isEqualTo(201);
		return new Setup(owner, bot.json().path("id").asString(), bot.json().path("publicId").asString(), key);
	}

	@Test
	void customQuestionIsAnsweredAndTheAnswerShowsInJsonCsvAndTheLeadPage() {
		var setup = botWithQuestion("WHEN_UNANSWERED", true);
		var visitor = visitor(setup);
		var config = visitor.config().json().path("leadCapture");
		assertThat(config.path("mode").asString()).isEqualTo("WHEN_UNANSWERED");
		assertThat(config.path("question").asString()).isEqualTo("What is your budget?");
		assertThat(config.path("questionRequired").asBoolean()).isTrue();
		assertThat(visitor.lead("{\"email\":\"eve@example.com\",\"answer\":\"=1+2 about 5k\",\"consent\":true}").status()).isEqualTo(201);
		var lead = this.support.api(setup.key()).get("/api/v1/bots/" + setup.botId() + "/leads").json().path("items").get(0);
		assertThat(lead.path("question").asString()).isEqualTo("What is your budget?");
		assertThat(lead.path("answer").asString()).isEqualTo("=1+2 about 5k");
		var csv = this.support.api(setup.key()).send("GET", "/api/v1/bots/" + setup.botId() + "/leads", null, "text/csv").body();
		assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",question,answer");
		assertThat(csv).contains(",What is your budget?,'=1+2 about 5k").doesNotContain(",=1+2");
		var page = setup.owner().session().get("/app/leads/" + lead.path("id").asString());
		assertThat(page.body()).contains("What is your budget?").contains("=1+2 about 5k");
		assertThat(setup.owner().session().get("/app/leads?q=5k").body()).contains("eve@example.com");
	}

	@Test
	void missingRequiredOrOverlongAnswersAreRefusedAndNothingIsStored() {
		var setup = botWithQuestion("BEFORE_CHAT", true);
		var visitor = visitor(setup);
		var missing = visitor.lead("{\"email\":\"eve@example.com\",\"answer\":\"  \",\"consent\":true}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("validation_failed");
		assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("answer");
		assertThat(missing.body()).contains("Please answer the question.");
		var overlong = visitor.lead("{\"email\":\"eve@example.com\",\"answer\":\"" + "y".repeat(1001) + "\",\"consent\":true}");
		assertThat(overlong.status()).isEqualTo(400);
		assertThat(overlong.body()).contains("under 1,000 characters");
		assertThat(leads(setup)).isZero();
		var optional = botWithQuestion("AFTER_MESSAGES", false);
		assertThat(visitor(optional).lead("{\"email\":\"eve@example.com\",\"consent\":true}").status()).isEqualTo(201);
		var lead = this.support.api(optional.key()).get("/api/v1/bots/" + optional.botId() + "/leads").json().path("items").get(0);
		assertThat(lead.path("question").asString()).isEqualTo("What is your budget?");
		assertThat(lead.path("answer").isNull() || lead.path("answer").isMissingNode()).isTrue();
	}

	@Test
	void answerWithoutAConfiguredQuestionIsDropped() {
		var setup = bot("AFTER_MESSAGES");
		assertThat(visitor(setup).lead("{\"email\":\"ann@example.com\",\"answer\":\"sneaky\",\"consent\":true}").status()).isEqualTo(201);
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE bot_id = ? AND answer IS NULL AND question IS NULL",
				UUID.fromString(setup.botId()))).isEqualTo(1);
	}

}
