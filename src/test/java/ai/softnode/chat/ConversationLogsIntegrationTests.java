package ai.softnode.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** Owners read, search, filter and delete conversation logs in the dashboard and over the API. */
@IntegrationTest
class ConversationLogsIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void logsListSearchShowAndDeleteWithHostileTextEscaped() {
		var owner = this.support.signUp("Log Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.api(key).post("/api/v1/bots", "{\"name\":\"Log bot\",\"model\":\"offline\"}").json();
		var botId = bot.path("id").asString();
		var visitor = this.support.visitor(bot.path("publicId").asString());
		visitor.start("https://shop.example/checkout", "https://news.example/");
		visitor.ask("<script>alert('x')</script><img src=x onerror=alert(1)> where is my parcel? " + "z".repeat(1500));
		var second = this.support.visitor(bot.path("publicId").asString());
		second.start(null, null);
		second.ask("Do you sell gift cards?");

		var list = owner.session().get("/app/conversations?bot=" + botId);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("2 conversation(s)").contains("gift cards")
			.doesNotContain("<script>alert").contains("&lt;script&gt;");
		var searched = owner.session().get("/app/conversations?bot=" + botId + "&q=PARCEL");
		assertThat(searched.body()).contains("1 conversation(s)").doesNotContain("gift cards");
		var tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
		assertThat(owner.session().get("/app/conversations?bot=" + botId + "&from=" + tomorrow).body()).contains("No conversation matches");

		var page = owner.session().get("/app/conversations/" + visitor.conversationId());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;")
			.contains("https://shop.example/checkout");

		var api = this.support.api(key);
		var apiList = api.get("/api/v1/bots/" + botId + "/conversations?q=gift");
		assertThat(apiList.json().path("total").asInt()).isEqualTo(1);
		assertThat(apiList.json().path("items").get(0).path("id").asString()).isEqualTo(second.conversationId());
		var full = api.get("/api/v1/conversations/" + visitor.conversationId()).json();
		assertThat(full.path("messages").get(0).path("role").asString()).isEqualTo("visitor");
		assertThat(full.path("messages").get(0).path("text").asString()).startsWith("<script>alert('x')</script>");
		assertThat(full.path("messages").get(1).path("role").asString()).isEqualTo("assistant");
		assertThat(full.path("pageUrl").asString()).isEqualTo("https://shop.example/checkout");
		assertThat(api.get("/api/v1/bots/" + botId + "/conversations?size=500").code()).isEqualTo("validation_failed");
		assertThat(api.get("/api/v1/bots/" + botId + "/conversations?from=yesterday").status()).isEqualTo(400);

		assertThat(api.delete("/api/v1/conversations/" + visitor.conversationId()).status()).isEqualTo(204);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(visitor.conversationId())))
			.isZero();
		var deleted = owner.session().post("/app/conversations/" + second.conversationId() + "/delete");
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE bot_id = ?", UUID.fromString(botId))).isZero();
	}

	@Test
	void anotherWorkspaceSeesNoneOfIt() {
		var owner = this.support.signUp("Private Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.api(key).post("/api/v1/bots", "{\"name\":\"Private bot\",\"model\":\"offline\"}").json();
		var visitor = this.support.visitor(bot.path("publicId").asString());
		visitor.start(null, null);
		visitor.ask("A private question");
		var stranger = this.support.signUp("Nosy Stranger");
		var strangerKey = this.support.createApiKey(stranger);
		assertThat(stranger.session().get("/app/conversations/" + visitor.conversationId()).statusCode()).isEqualTo(404);
		assertThat(stranger.session().get("/app/conversations?bot=" + bot.path("id").asString()).statusCode()).isEqualTo(404);
		assertThat(stranger.session().get("/app/conversations").body()).doesNotContain("A private question");
		assertThat(stranger.session().post("/app/conversations/" + visitor.conversationId() + "/delete").statusCode()).isEqualTo(404);
		assertThat(this.support.api(strangerKey).get("/api/v1/bots/" + bot.path("id").asString() + "/conversations").status()).isEqualTo(404);
		assertThat(this.support.api(strangerKey).delete("/api/v1/conversations/" + visitor.conversationId()).status()).isEqualTo(404);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?", UUID.fromString(visitor.conversationId())))
			.isEqualTo(2);
	}

	@Test
	void deletingABotDeletesItsConversations() {
		var owner = this.support.signUp("Cleanup Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.api(key).post("/api/v1/bots", "{\"name\":\"Doomed bot\",\"model\":\"offline\"}").json();
		var visitor = this.support.visitor(bot.path("publicId").asString());
		visitor.start(null, null);
		visitor.ask("hello");
		assertThat(this.support.api(key).delete("/api/v1/bots/" + bot.path("id").asString()).status()).isEqualTo(204);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE bot_id = ?", UUID.fromString(bot.path("id").asString())))
			.isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ?", UUID.fromString(bot.path("id").asString()))).isZero();
	}

}
