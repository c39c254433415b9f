package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.ApiClient;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class BotsApiIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void createsWithDefaultsReadsChangesAndDeletesABot() {
		var owner = this.support.signUp("Api Owner");
		var api = this.support.api(this.support.createApiKey(owner));

		var created = api.post("/api/v1/bots", "{\"name\":\"  Helpdesk \", \"appearance\": {\"accentColor\": \"#AA0000\"}}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		var bot = created.json();
		var id = bot.path("id").asString();
		assertThat(created.body()).contains("\"id\":\"" + id + "\"");
		assertThat(bot.path("name").asString()).isEqualTo("Helpdesk");
		assertThat(bot.path("publicId").asString()).matches("[A-Za-z0-9]{16}");
		assertThat(bot.path("model").asString()).isEqualTo("default");
		assertThat(bot.path("temperature").decimalValue()).isEqualByComparingTo("0.3");
		assertThat(bot.path("appearance").path("accentColor").asString()).isEqualTo("#aa0000");
		assertThat(bot.path("appearance").path("position").asString()).isEqualTo("bottom-right");
		assertThat(bot.path("appearance").has("avatarUrl")).isTrue();
		assertThat(bot.path("appearance").path("avatarUrl").isNull()).isTrue();
		assertThat(bot.path("leadCapture").path("mode").asString()).isEqualTo("OFF");
		assertThat(bot.path("leadCapture").path("fields").get(0).asString()).isEqualTo("email");
		assertThat(bot.has("retentionDays")).isTrue();
		assertThat(bot.path("retentionDays").isNull()).isTrue();
		assertThat(bot.path("maxAnswerTokens").asInt()).isEqualTo(800);
		assertThat(bot.path("dailyTokenBudget").asLong()).isEqualTo(500_000);
		assertThat(bot.path("redactPersonalData").asBoolean()).isTrue();
		assertThat(bot.path("enabled").asBoolean()).isTrue();
		assertThat(bot.path("suggestedQuestions").isArray()).isTrue();
		assertThat(bot.path("allowedDomains").isArray()).isTrue();
		assertThat(bot.path("createdAt").asString()).endsWith("Z");
		assertThat(Instant.parse(bot.path("updatedAt").asString())).isNotNull();
		assertThat(this.support.count("SELECT COUNT(*) FROM bots_bot WHERE id = ? AND workspace_id = ?", UUID.fromString(id),
				owner.workspaceId())).isEqualTo(1);

		var read = api.get("/api/v1/bots/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(bot);

		var patched = api.patch("/api/v1/bots/" + id, """
				{"greeting": "Moin!", "retentionDays": 14, "allowedDomains": ["https://Shop.Example.com/x"],
				 "appearance": {"avatarUrl": "https://cdn.example.com/a.png"},
				 "leadCapture": {"mode": "AFTER_MESSAGES", "afterMessages": 2, "fields": ["email", "name"]}, "enabled": false}""");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		var changed = patched.json();
		assertThat(changed.path("greeting").asString()).isEqualTo("Moin!");
		assertThat(changed.path("retentionDays").asInt()).isEqualTo(14);
		assertThat(changed.path("allowedDomains").get(0).asString()).isEqualTo("shop.example.com");
		assertThat(changed.path("appearance").path("avatarUrl").asString()).isEqualTo("https://cdn.example.com/a.png");
		assertThat(changed.path("appearance").path("accentColor").asString()).as("untouched").isEqualTo("#aa0000");
		assertThat(changed.path("leadCapture").path("fields").toString()).isEqualTo("[\"name\",\"email\"]");
		assertThat(changed.path("enabled").asBoolean()).isFalse();
		assertThat(changed.path("name").asString()).as("untouched").isEqualTo("Helpdesk");

		var cleared = api.patch("/api/v1/bots/" + id, "{\"retentionDays\": null, \"appearance\": {\"avatarUrl\": null}}").json();
		assertThat(cleared.path("retentionDays").isNull()).isTrue();
		assertThat(cleared.path("appearance").path("avatarUrl").isNull()).isTrue();
		assertThat(cleared.path("greeting").asString()).isEqualTo("Moin!");
		assertThat(this.support.count("SELECT COUNT(*) FROM bots_bot WHERE id = ? AND retention_days IS NULL AND avatar_url IS NULL",
				UUID.fromString(id))).isEqualTo(1);

		var deleted = api.delete("/api/v1/bots/" + id);
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(api.get("/api/v1/bots/" + id).code()).isEqualTo("bot_not_found");
		assertThat(api.delete("/api/v1/bots/" + id).status()).isEqualTo(404);
	}

	@Test
	void createAnswersWithTheLocationOfTheNewBot() throws Exception {
		var key = this.support.createApiKey(this.support.signUp("Location"));
		var request = HttpRequest.newBuilder(URI.create(this.support.baseUrl() + "/api/v1/bots"))
			.header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Located\"}")).build();
		var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
		var id = new ApiClient.Response(201, "application/json", response.body()).json().path("id").asString();
		var location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).isEqualTo("/api/v1/bots/" + id);
		assertThat(this.support.api(key).get(location).json().path("name").asString()).isEqualTo("Located");
	}

	@Test
	void listsBotsPageByPage() {
		var owner = this.support.signUp("Pager");
		var api = this.support.api(this.support.createApiKey(owner));
		var ids = new ArrayList<String>();
		for (int i = 1; i <= 5; i++) {
			ids.add(api.post("/api/v1/bots", "{\"name\":\"Bot " + i + "\"}").json().path("id").asString());
		}
		var first = api.get("/api/v1/bots?page=0&size=2").json();
		assertThat(first.path("page").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(first.path("total").asLong()).isEqualTo(5);
		assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
		assertThat(ids(api.get("/api/v1/bots?page=1&size=2").json())).containsExactly(ids.get(2), ids.get(3));
		assertThat(ids(api.get("/api/v1/bots?page=2&size=2").json())).containsExactly(ids.get(4));
		assertThat(ids(api.get("/api/v1/bots?page=3&size=2").json())).isEmpty();
		var defaults = api.get("/api/v1/bots").json();
		assertThat(defaults.path("size").asInt()).isEqualTo(20);
		assertThat(ids(defaults)).containsExactlyElementsOf(ids);

		for (var bad : new String[] { "size=0", "size=101", "page=-1" }) {
			var response = api.get("/api/v1/bots?" + bad);
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.code()).as(bad).isEqualTo("validation_failed");
		}
		assertThat(api.get("/api/v1/bots?size=ten").code()).isEqualTo("invalid_parameter");
	}

	@Test
	void refusesMalformedJsonWrongTypesAndUnknownFieldsWithoutStoringAnything() {
		var owner = this.support.signUp("Strict Json");
		var api = this.support.api(this.support.createApiKey(owner));
		record Case(String body, String code, String field) {
		}
		for (var bad : new Case[] { new Case("{\"name\": ", "malformed_json", null),
				new Case("{\"name\": 5}", "invalid_type", "name"),
				new Case("{\"name\": true}", "invalid_type", "name"),
				new Case("{\"name\": \"x\", \"temperature\": \"hot\"}", "invalid_type", "temperature"),
				new Case("{\"name\": \"x\", \"temperature\": \"0.5\"}", "invalid_type", "temperature"),
				new Case("{\"name\": \"x\", \"enabled\": \"yes\"}", "invalid_type", "enabled"),
				new Case("{\"name\": \"x\", \"enabled\": \"true\"}", "invalid_type", "enabled"),
				new Case("{\"name\": \"x\", \"enabled\": 1}", "invalid_type", "enabled"),
				new Case("{\"name\": \"x\", \"maxAnswerTokens\": 100.5}", "invalid_type", "maxAnswerTokens"),
				new Case("{\"name\": \"x\", \"retentionDays\": \"\"}", "invalid_type", "retentionDays"),
				new Case("{\"name\": \"x\", \"suggestedQuestions\": [\"ok?\", 7]}", "invalid_type", "suggestedQuestions[1]"),
				new Case("{\"name\": \"x\", \"appearance\": {\"position\": 1}}", "invalid_type", "appearance.position"),
				new Case("{\"name\": \"x\", \"role\": \"OWNER\"}", "unknown_field", "role"),
				new Case("{\"name\": \"x\", \"appearance\": {\"colour\": \"#000000\"}}", "unknown_field", "colour") }) {
			var response = api.post("/api/v1/bots", bad.body());
			assertThat(response.status()).as(bad.body()).isEqualTo(400);
			assertThat(response.isProblem()).as(bad.body()).isTrue();
			assertThat(response.code()).as(bad.body()).isEqualTo(bad.code());
			if (bad.field() != null) {
				assertThat(response.json().path("errors").get(0).path("field").asString()).as(bad.body()).isEqualTo(bad.field());
			}
		}
		assertThat(BotPages.count(this.support, owner.workspaceId())).isZero();
	}

	@Test
	void patchRefusesWrongTypesUnknownFieldsAndUnclearableNullsLeavingTheBotUnchanged() {
		var owner = this.support.signUp("Patch Guard");
		var api = this.support.api(this.support.createApiKey(owner));
		var id = api.post("/api/v1/bots", "{\"name\":\"Guarded\"}").json().path("id").asString();
		var before = BotPages.row(this.support, UUID.fromString(id));
		assertThat(api.patch("/api/v1/bots/" + id, "{\"enabled\": \"yes\"}").code()).isEqualTo("invalid_type");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"temperature\": \"hot\"}").code()).isEqualTo("invalid_type");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"name\": 5}").json().path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"role\": \"OWNER\"}").code()).isEqualTo("unknown_field");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"name\": ").code()).isEqualTo("malformed_json");
		assertThat(api.patch("/api/v1/bots/" + id, "[1, 2]").status()).isEqualTo(400);
		var nulled = api.patch("/api/v1/bots/" + id, "{\"name\": null, \"appearance\": {\"accentColor\": null}}");
		assertThat(nulled.code()).isEqualTo("validation_failed");
		assertThat(fields(nulled.json())).containsExactlyInAnyOrder("name", "appearance.accentColor");
		assertThat(BotPages.row(this.support, UUID.fromString(id))).isEqualTo(before);
	}

	@Test
	void validatesTheMergedSettingsAndNamesEveryInvalidField() {
		var owner = this.support.signUp("Api Validation");
		var api = this.support.api(this.support.createApiKey(owner));
		var missingName = api.post("/api/v1/bots", "{\"greeting\": \"Hi\"}");
		assertThat(missingName.status()).isEqualTo(400);
		assertThat(missingName.code()).isEqualTo("validation_failed");
		assertThat(missingName.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(missingName.json().path("errors").get(0).path("message").asString()).isEqualTo("Give the bot a name.");

		var id = api.post("/api/v1/bots", "{\"name\":\"Merged\"}").json().path("id").asString();
		var before = BotPages.row(this.support, UUID.fromString(id));
		var invalid = api.patch("/api/v1/bots/" + id, """
				{"temperature": 3, "allowedDomains": ["http://exa mple"], "suggestedQuestions": ["1","2","3","4","5","6","7"],
				 "appearance": {"accentColor": "red", "position": "top"},
				 "leadCapture": {"mode": "BEFORE_CHAT", "fields": ["name"], "afterMessages": 99}}""");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.code()).isEqualTo("validation_failed");
		assertThat(fields(invalid.json())).containsExactlyInAnyOrder("temperature", "allowedDomains", "suggestedQuestions",
				"appearance.accentColor", "appearance.position", "leadCapture.fields", "leadCapture.afterMessages");
		assertThat(invalid.body()).contains("Use a value from 0 to 1.", "'http://exa mple' is not a domain",
				"Offer at most 6 suggested questions.", "Use a colour like #4f46e5.", "A lead form must ask for the email address.");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"leadCapture\": {\"mode\": \"SOMETIMES\"}}").json().path("errors").get(0)
			.path("field").asString()).isEqualTo("leadCapture.mode");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"model\": \"gpt-5\"}").json().path("errors").get(0).path("field").asString())
			.isEqualTo("model");
		assertThat(BotPages.row(this.support, UUID.fromString(id))).isEqualTo(before);
	}

	@Test
	void unknownOrMalformedIdIsBotNotFound() {
		var api = this.support.api(this.support.createApiKey(this.support.signUp("Unknown Id")));
		assertThat(api.get("/api/v1/bots/" + UUID.randomUUID()).code()).isEqualTo("bot_not_found");
		assertThat(api.get("/api/v1/bots/nonsense").code()).isEqualTo("bot_not_found");
		assertThat(api.patch("/api/v1/bots/" + UUID.randomUUID(), "{}").status()).isEqualTo(404);
	}

	@Test
	void refusesMissingInvalidAndRevokedKeys() {
		var owner = this.support.signUp("Key Holder");
		var key = this.support.createApiKey(owner);
		var api = this.support.api(key);
		assertThat(api.get("/api/v1/bots").status()).isEqualTo(200);
		var me = api.get("/api/v1/me").json();
		assertThat(me.path("workspace").path("id").asString()).isEqualTo(owner.workspaceId().toString());
		assertThat(me.path("workspace").path("name").asString()).isEqualTo("Key Holder Ltd");

		var anonymous = this.support.api(null).get("/api/v1/bots");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.isProblem()).isTrue();
		assertThat(this.support.api("sn_" + "x".repeat(40)).get("/api/v1/bots").code()).isEqualTo("invalid_api_key");

		var keyId = this.support.jdbc().sql("SELECT id FROM workspaces_api_key WHERE workspace_id = :ws")
			.param("ws", owner.workspaceId()).query(UUID.class).single();
		assertThat(owner.session().post("/app/settings/api-keys/" + keyId + "/revoke").statusCode()).isEqualTo(302);
		for (var response : new ApiClient.Response[] { api.get("/api/v1/bots"), api.post("/api/v1/bots", "{\"name\":\"After revoke\"}"),
				api.get("/api/v1/me") }) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.isProblem()).isTrue();
			assertThat(response.code()).isEqualTo("invalid_api_key");
		}
		assertThat(BotPages.count(this.support, owner.workspaceId())).isZero();
	}

	@Test
	void openApiDocumentDescribesTheBotsApiWithoutInternalParameters() throws Exception {
		var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(this.support.baseUrl() + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		var docs = new ApiClient.Response(200, "application/json", response.body()).json();
		var paths = docs.path("paths");
		assertThat(paths.has("/api/v1/bots")).isTrue();
		assertThat(paths.path("/api/v1/bots/{id}").has("patch")).isTrue();
		assertThat(paths.path("/api/v1/bots").path("post").path("tags").get(0).asString()).isEqualTo("Bots");
		assertThat(paths.path("/api/v1/bots").path("get").path("parameters").toString()).contains("\"page\"", "\"size\"")
			.doesNotContain("tenant");
		assertThat(paths.path("/api/v1/bots/{id}").path("patch").path("requestBody").toString()).contains("BotRequest");
	}

	private static List<String> ids(JsonNode page) {
		var ids = new ArrayList<String>();
		page.path("items").forEach(item -> ids.add(item.path("id").asString()));
		return ids;
	}

	private static List<String> fields(JsonNode problem) {
		var fields = new ArrayList<String>();
		problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
		return fields;
	}

	@Test
	void leadQuestionPrivacyNoticeAndStoredLogRedactionAreSettingsWithValidation() {
		var owner = this.support.signUp("Privacy Settings Owner");
		var api = this.support.api(this.support.createApiKey(owner));
		var created = api.post("/api/v1/bots", "{\"name\":\"Careful\"}").json();
		assertThat(created.path("redactStoredLog").asBoolean()).as("off by default").isFalse();
		assertThat(created.path("privacyNotice").path("required").asBoolean()).isFalse();
		assertThat(created.path("privacyNotice").path("text").isNull()).isTrue();
		assertThat(created.path("leadCapture").path("question").isNull()).isTrue();
		var id = created.path("id").asString();

		var refused = api.patch("/api/v1/bots/" + id, "{\"leadCapture\":{\"questionRequired\":true},\"privacyNotice\":{\"required\":true,\"text\":\"  \"}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("validation_failed");
		assertThat(refused.body()).contains("leadCapture.question").contains("privacyNotice.text");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"privacyNotice\":{\"text\":\"" + "n".repeat(1001) + "\"}}").body())
			.contains("privacyNotice.text").contains("at most 1,000");
		assertThat(api.patch("/api/v1/bots/" + id, "{\"leadCapture\":{\"mode\":\"SOMETIMES\"}}").body()).contains("WHEN_UNANSWERED");

		var changed = api.patch("/api/v1/bots/" + id, "{\"redactStoredLog\":true,\"leadCapture\":{\"mode\":\"WHEN_UNANSWERED\","
				+ "\"question\":\" Which plan? \",\"questionRequired\":true},\"privacyNotice\":{\"text\":\"We keep chats 30 days.\",\"required\":true}}");
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		var bot = api.get("/api/v1/bots/" + id).json();
		assertThat(bot.path("redactStoredLog").asBoolean()).isTrue();
		assertThat(bot.path("leadCapture").path("mode").asString()).isEqualTo("WHEN_UNANSWERED");
		assertThat(bot.path("leadCapture").path("question").asString()).isEqualTo("Which plan?");
		assertThat(bot.path("leadCapture").path("questionRequired").asBoolean()).isTrue();
		assertThat(bot.path("privacyNotice").path("text").asString()).isEqualTo("We keep chats 30 days.");
		assertThat(bot.path("privacyNotice").path("required").asBoolean()).isTrue();

		var cleared = api.patch("/api/v1/bots/" + id, "{\"leadCapture\":{\"question\":null,\"questionRequired\":false}}");
		assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
		assertThat(cleared.json().path("leadCapture").path("question").isNull()).isTrue();
	}

}
