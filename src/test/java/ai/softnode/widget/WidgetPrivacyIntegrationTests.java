package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.VisitorClient;
import ai.softnode.visitors.VisitorConsents;
import tools.jackson.databind.JsonNode;

/** The visitor's privacy in the widget API: the privacy notice accepted before anything is processed, and the transcript download. */
@IntegrationTest
class WidgetPrivacyIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	VisitorConsents consents;

	private JsonNode bot(String extraJson) {
		var owner = this.support.signUp("Privacy Owner");
		return this.support.createBotWithQa(owner, "{\"name\":\"Careful bot\",\"model\":\"offline\"" + extraJson + "}",
				"What are your opening hours?", "We are open Monday to Friday from 9:00 to 17:30.");
	}

	private static final String NOTICE = ",\"privacyNotice\":{\"text\":\"We keep chats **30 days**.\",\"required\":true}";

	/** Starts a conversation sending {@code version} as the accepted notice; the client holds its token when it worked. */
	private VisitorClient start(String publicId, String version, int expectedStatus) {
		var visitor = this.support.visitor(publicId);
		var body = "{\"pageUrl\":\"https://shop.example/\"" + (version == null ? "" : ",\"privacyNoticeVersion\":\"" + version + "\"") + "}";
		var response = visitor.send("POST", "/conversations", body, "application/json");
		assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
		if (expectedStatus == 201) {
			visitor.withToken(response.json().path("visitorToken").asString())
				.inConversation(response.json().path("conversationId").asString());
			this.lastVisitor = UUID.fromString(response.json().path("visitorId").asString());
		}
		else {
			assertThat(response.code()).isEqualTo("consent_required");
		}
		return visitor;
	}

	private UUID lastVisitor;

	private long consentsOf(UUID visitor) {
		return this.support.count("SELECT COUNT(*) FROM visitors_consent WHERE visitor_id = ?", visitor);
	}

	@Test
	void botAskingForConsentLearnsNothingBeforeAcceptanceAndRecordsEachAcceptedWording() {
		var bot = bot(NOTICE + ",\"leadCapture\":{\"mode\":\"AFTER_MESSAGES\"}");
		var publicId = bot.path("publicId").asString();
		var botId = UUID.fromString(bot.path("id").asString());
		var notice = this.support.visitor(publicId).config().json().path("privacyNotice");
		assertThat(notice.path("text").asString()).isEqualTo("We keep chats **30 days**.");
		assertThat(notice.path("required").asBoolean()).isTrue();
		var version = notice.path("version").asString();
		assertThat(version).hasSize(12);

		start(publicId, null, 403);
		start(publicId, "0123456789ab", 403);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE bot_id = ?", botId)).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE bot_id = ?", botId)).isZero();

		var visitor = start(publicId, version, 201);
		var visitorId = this.lastVisitor;
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_consent WHERE visitor_id = ? AND bot_id = ? AND notice_version = ?"
				+ " AND notice_text = 'We keep chats **30 days**.' AND accepted_at IS NOT NULL", visitorId, botId, version)).isEqualTo(1);
		assertThat(visitor.ask("What are your opening hours?").status()).isEqualTo(200);

		var api = this.support.api(bot.path("apiKey").asString());
		assertThat(api.patch("/api/v1/bots/" + botId, "{\"privacyNotice\":{\"text\":\"We keep chats 60 days.\"}}").status()).isEqualTo(200);
		var refused = visitor.ask("And on Saturdays?");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.error().code()).isEqualTo("consent_required");
		assertThat(visitor.lead("{\"email\":\"ann@example.com\",\"consent\":true}").code()).isEqualTo("consent_required");
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE visitor_id = ?", visitorId)).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(visitor.conversationId())))
			.as("the refused message was not stored").isEqualTo(2);
		var newVersion = this.support.visitor(publicId).config().json().path("privacyNotice").path("version").asString();
		assertThat(newVersion).isNotEqualTo(version);
		assertThat(visitor.send("POST", "/consent", "{\"version\":\"" + version + "\"}", "application/json").code()).isEqualTo("consent_required");
		assertThat(this.support.visitor(publicId).send("POST", "/consent", "{\"version\":\"" + newVersion + "\"}", "application/json").status())
			.as("no token, no record").isEqualTo(401);
		assertThat(visitor.send("POST", "/consent", "{\"version\":\"" + newVersion + "\"}", "application/json").status()).isEqualTo(204);
		assertThat(visitor.ask("And on Saturdays?").status()).isEqualTo(200);
		assertThat(consentsOf(visitorId)).isEqualTo(2);

		assertThat(visitor.erase().status()).isEqualTo(204);
		assertThat(consentsOf(visitorId)).as("withdrawing consent erases its record with everything else").isZero();
	}

	@Test
	void botsWithoutARequiredNoticeNeedNoAcceptance() {
		var visitor = this.support.visitor(bot(",\"privacyNotice\":{\"text\":\"We keep chats 30 days.\",\"required\":false}").path("publicId").asString());
		assertThat(visitor.config().json().path("privacyNotice").path("required").asBoolean()).isFalse();
		assertThat(visitor.start(null, null).status()).isEqualTo(201);
		assertThat(visitor.ask("What are your opening hours?").status()).isEqualTo(200);
		assertThat(consentsOf(UUID.fromString(visitor.visitorId()))).isZero();
	}

	@Test
	void consentRecordsAreExportedAndErasedAsPersonalData() throws Exception {
		var bot = bot(NOTICE);
		var publicId = bot.path("publicId").asString();
		var version = this.support.visitor(publicId).config().json().path("privacyNotice").path("version").asString();
		start(publicId, version, 201);
		var first = this.lastVisitor;
		start(publicId, version, 201);
		var second = this.lastVisitor;
		var workspace = new WorkspaceId(this.support.jdbc().sql("SELECT workspace_id FROM bots_bot WHERE id = ?")
			.param(UUID.fromString(bot.path("id").asString())).query(UUID.class).single());

		var files = export(archive -> this.consents.exportWorkspace(workspace, archive));
		assertThat(files.get("visitor-consents/consents.csv")).contains(first.toString()).contains(second.toString()).contains(version)
			.contains("We keep chats **30 days**.");
		var one = export(archive -> this.consents.exportVisitor(workspace, first, archive));
		assertThat(one.get("visitor-consents/consents.csv")).contains(first.toString()).doesNotContain(second.toString());

		assertThat(this.consents.eraseVisitor(workspace, first)).isEqualTo(1);
		assertThat(consentsOf(first)).isZero();
		assertThat(consentsOf(second)).isEqualTo(1);
		this.consents.eraseWorkspace(workspace);
		assertThat(consentsOf(second)).isZero();
	}

	@Test
	void visitorDownloadsTheirConversationAsATranscriptButNobodyElses() {
		var bot = bot(",\"greeting\":\"Hi\"");
		var publicId = bot.path("publicId").asString();
		var alice = this.support.visitor(publicId);
		alice.start(null, null);
		alice.ask("What are your opening hours?");
		alice.ask("Do you sell <b>unicorns</b>?");
		var transcript = alice.send("GET", "/conversations/" + alice.conversationId() + "/transcript", null, "text/plain");
		assertThat(transcript.status()).as(transcript.body()).isEqualTo(200);
		// charset names are case-insensitive (RFC 9110 §8.3.2): Tomcat writes UTF-8, Jetty utf-8
		assertThat(transcript.contentType()).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
		assertThat(transcript.body()).startsWith("Conversation with Careful bot\n").contains(alice.conversationId())
			.containsPattern("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\] You:\n  What are your opening hours\\?")
			.containsPattern("\\] Careful bot:\n  .*Monday to Friday").contains("Do you sell <b>unicorns</b>?");
		var sources = alice.history().json().path("items").get(1).path("sources");
		for (var source : sources) {
			assertThat(transcript.body()).contains("  Source: " + source.path("title").asString());
		}

		var bob = this.support.visitor(publicId);
		bob.start(null, null);
		var foreign = bob.inConversation(alice.conversationId()).send("GET", "/conversations/" + alice.conversationId() + "/transcript", null,
				"text/plain");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.body()).doesNotContain("opening hours");
		var forged = this.support.visitor(publicId).withToken("vt_forged")
			.send("GET", "/conversations/" + alice.conversationId() + "/transcript", null, "text/plain");
		assertThat(forged.status()).isEqualTo(401);
	}

	@Test
	void erasureRemovesEveryRowOfThatVisitorAndNoOtherVisitorsRows() {
		var bot = bot(NOTICE + ",\"leadCapture\":{\"mode\":\"AFTER_MESSAGES\"}");
		var publicId = bot.path("publicId").asString();
		var version = this.support.visitor(publicId).config().json().path("privacyNotice").path("version").asString();
		var alice = start(publicId, version, 201);
		var aliceId = this.lastVisitor;
		alice.ask("What are your opening hours?");
		assertThat(alice.lead("{\"email\":\"alice@example.com\",\"consent\":true}").status()).isEqualTo(201);
		var bob = start(publicId, version, 201);
		var bobId = this.lastVisitor;
		bob.ask("What are your opening hours?");
		assertThat(bob.lead("{\"email\":\"bob@example.com\",\"consent\":true}").status()).isEqualTo(201);

		assertThat(this.support.visitor(publicId).withToken("vt_forged").erase().status()).isEqualTo(401);
		assertThat(alice.erase().status()).isEqualTo(204);
		for (var table : new String[] { "chat_conversation WHERE visitor_id", "visitors_visitor WHERE id", "visitors_lead WHERE visitor_id",
				"visitors_consent WHERE visitor_id" }) {
			assertThat(this.support.count("SELECT COUNT(*) FROM " + table + " = ?", aliceId)).as(table).isZero();
			assertThat(this.support.count("SELECT COUNT(*) FROM " + table + " = ?", bobId)).as(table).isEqualTo(1);
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(alice.conversationId()))).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(bob.conversationId()))).isEqualTo(2);
		assertThat(bob.ask("Do you deliver?").status()).as("the other visitor carries on").isEqualTo(200);
	}

	private static java.util.Map<String, String> export(Exporter exporter) throws Exception {
		var files = new LinkedHashMap<String, String>();
		exporter.export((path, description, body) -> {
			var out = new ByteArrayOutputStream();
			body.writeTo(out);
			files.put(path, out.toString(StandardCharsets.UTF_8));
		});
		return files;
	}

	@FunctionalInterface
	private interface Exporter {

		void export(ExportArchive archive) throws Exception;

	}

}
