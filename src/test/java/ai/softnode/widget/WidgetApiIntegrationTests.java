package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** The visitor API with the offline answerer (no model provider configured in tests). */
@IntegrationTest
class WidgetApiIntegrationTests {


	@Autowired
	TestSupport support;

	private String bot(String extraJson) {
		var owner = this.support.signUp("Widget Owner");
		return this.support.createBotWithQa(owner, "{\"name\":\"Shop bot\",\"model\":\"offline\"" + extraJson + "}",
				"What are your opening hours?", "We are open Monday to Friday from 9:00 to 17:30.",
				"Do you ship to Canada?", "Yes, we ship to Canada within 5 working days.")
			.path("publicId").asString();
	}

	@Test
	void configCarriesOnlyWhatVisitorsMaySee() {
		var publicId = bot(",\"greeting\":\"Hello there\"");
		var config = this.support.visitor(publicId).config();
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.json().path("greeting").asString()).isEqualTo("Hello there");
		assertThat(config.json().path("poweredBy").asBoolean()).as("the self-hosted plan may remove the branding").isFalse();
		assertThat(config.body()).doesNotContain("opening hours").doesNotContain("instructions").doesNotContain("offline")
			.doesNotContain("temperature");
	}

	@Test
	void answerStreamsAsUserDeltaDoneAndIsStored() {
		var publicId = bot("");
		var visitor = this.support.visitor(publicId);
		assertThat(visitor.start("https://shop.example/pricing?utm_source=newsletter", "https://www.google.com/").status()).isEqualTo(201);
		var turn = visitor.ask("When are you open?");
		assertThat(turn.status()).isEqualTo(200);
		assertThat(turn.names().get(0)).isEqualTo("user");
		assertThat(turn.names()).contains("delta").endsWith("done");
		assertThat(turn.text()).contains("Monday to Friday");
		assertThat(turn.last().data().path("answered").asBoolean()).isTrue();
		var answerId = turn.last().data().path("id").asString();
		var history = visitor.history();
		assertThat(history.json().path("items")).hasSize(2);
		assertThat(history.json().path("items").get(1).path("id").asString()).isEqualTo(answerId);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE id = ? AND utm_source = 'newsletter' AND referrer = 'https://www.google.com/'",
				UUID.fromString(visitor.conversationId()))).isEqualTo(1);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE id = ? AND status = 'complete' AND answered", UUID.fromString(answerId)))
			.isEqualTo(1);
		assertThat(visitor.feedback(answerId, "up").status()).isEqualTo(204);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE id = ? AND feedback = 'up'", UUID.fromString(answerId))).isEqualTo(1);
	}

	@Test
	void saysPlainlyWhenItHasNoAnswer() {
		var visitor = this.support.visitor(bot(""));
		visitor.start(null, null);
		var reply = visitor.askJson("What is the airspeed of an unladen swallow?");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("answer").path("answered").asBoolean()).isFalse();
		assertThat(reply.json().path("answer").path("text").asString()).doesNotContain("swallow");
	}

	@Test
	void retriedSendWithTheSameClientIdIsStoredAndAnsweredOnce() {
		var visitor = this.support.visitor(bot(""));
		visitor.start(null, null);
		var first = visitor.ask("Do you ship to Canada?", "send-1", e -> {
		});
		var second = visitor.ask("Do you ship to Canada?", "send-1", e -> {
		});
		assertThat(second.first("user").data().path("id").asString()).isEqualTo(first.first("user").data().path("id").asString());
		assertThat(second.last().data().path("id").asString()).isEqualTo(first.last().data().path("id").asString());
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(visitor.conversationId())))
			.isEqualTo(2);
	}

	@Test
	void forgedOrForeignTokensAreRefused() {
		var publicId = bot("");
		var alice = this.support.visitor(publicId);
		alice.start(null, null);
		var bob = this.support.visitor(publicId);
		bob.start(null, null);
		var forged = this.support.visitor(publicId).withToken("vt_forged").inConversation(alice.conversationId()).ask("hi");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.error().code()).isEqualTo("invalid_visitor_token");
		var foreign = this.support.visitor(publicId).withToken(bob.token()).inConversation(alice.conversationId()).ask("hi");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(this.support.visitor(publicId).withToken(bob.token()).inConversation(alice.conversationId()).history().status()).isEqualTo(404);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(alice.conversationId()))).isZero();
		var otherBot = bot("");
		assertThat(this.support.visitor(otherBot).withToken(alice.token()).inConversation(alice.conversationId()).ask("hi").status())
			.isEqualTo(401);
	}

	@Test
	void disallowedOriginIsRefusedAndAllowedOnesWork() {
		var publicId = bot(",\"allowedDomains\":[\"shop.example\",\"*.brand.example\"]");
		var evil = this.support.visitor(publicId).fromOrigin("https://evil.example");
		assertThat(evil.config().status()).isEqualTo(403);
		var started = evil.start(null, null);
		assertThat(started.status()).isEqualTo(403);
		assertThat(started.code()).isEqualTo("origin_not_allowed");
		assertThat(this.support.visitor(publicId).fromOrigin("https://shop.example").start(null, null).status()).isEqualTo(201);
		assertThat(this.support.visitor(publicId).fromOrigin("https://eu.brand.example").start(null, null).status()).isEqualTo(201);
		assertThat(this.support.visitor(publicId).fromOrigin(null).start(null, null).status()).as("the platform's own frame").isEqualTo(201);
	}

	@Test
	void tooLongMessagesAndBodiesAreRefusedBeforeAnythingIsStored() {
		var visitor = this.support.visitor(bot(""));
		visitor.start(null, null);
		var tooLong = visitor.ask("x".repeat(2001));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.error().code()).isEqualTo("message_too_long");
		var huge = visitor.ask("y".repeat(100_000));
		assertThat(huge.status()).isEqualTo(413);
		var empty = visitor.ask("   ");
		assertThat(empty.status()).isEqualTo(400);
		var malformed = visitor.send("POST", "/conversations/" + visitor.conversationId() + "/messages", "{\"text\":", "text/event-stream");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.code()).isEqualTo("malformed_json");
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(visitor.conversationId()))).isZero();
	}

	@Test
	void visitorMessageRateIsLimitedWithRetryAfter() {
		var visitor = this.support.visitor(bot(""));
		visitor.start(null, null);
		String code = null;
		String retryAfter = null;
		for (int i = 0; i < 14 && code == null; i++) {
			var turn = visitor.ask("Do you ship to Canada? " + i);
			if (turn.status() == 429) {
				code = turn.error().code();
				retryAfter = turn.retryAfter();
			}
		}
		assertThat(code).isEqualTo("rate_limited");
		assertThat(retryAfter).isNotNull();
		assertThat(Integer.parseInt(retryAfter)).isPositive();
	}

	@Test
	void hostileTextIsStoredVerbatimAndServedAsJsonData() {
		var visitor = this.support.visitor(bot(""));
		visitor.start(null, null);
		var hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))";
		visitor.ask(hostile);
		var history = visitor.history();
		assertThat(history.contentType()).startsWith("application/json");
		assertThat(history.json().path("items").get(0).path("text").asString()).isEqualTo(hostile);
	}

	@Test
	void visitorCanEraseTheirOwnDataButNobodyElses() {
		var publicId = bot("");
		var alice = this.support.visitor(publicId);
		alice.start(null, null);
		alice.ask("Do you ship to Canada?");
		var bob = this.support.visitor(publicId);
		bob.start(null, null);
		bob.ask("When are you open?");
		assertThat(alice.erase().status()).isEqualTo(204);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE visitor_id = ?", UUID.fromString(alice.visitorId()))).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(alice.conversationId()))).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE visitor_id = ?", UUID.fromString(bob.visitorId()))).isEqualTo(1);
		assertThat(alice.erase().status()).as("the token died with the data").isEqualTo(401);
	}

	@Test
	void disabledOrDeletedBotsAnswerClearly() {
		var owner = this.support.signUp("Disabling Owner");
		var bot = this.support.createBot(owner, "{\"name\":\"Paused\",\"model\":\"offline\",\"enabled\":false}");
		var started = this.support.visitor(bot.path("publicId").asString()).start(null, null);
		assertThat(started.status()).isEqualTo(403);
		assertThat(started.code()).isEqualTo("bot_disabled");
		assertThat(this.support.visitor("NoSuchBot123").config().status()).isEqualTo(404);
		assertThat(this.support.visitor("NoSuchBot123").config().code()).isEqualTo("bot_not_found");
	}

}
