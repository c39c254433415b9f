package ai.softnode.knowledge.source;

import static ai.softnode.knowledge.source.KnowledgeFixtures.json;
import static ai.softnode.knowledge.source.KnowledgeFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ai.softnode.bots.BotManagement;
import ai.softnode.bots.BotSettings;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
@TestPropertySource(properties = { "softnode.knowledge.max-characters-per-bot=3000", "softnode.knowledge.max-file-size=20KB",
		"softnode.knowledge.upload-quota-per-workspace=40KB" })
class KnowledgeLimitsIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Test
	void enforcesTheBotsCharacterLimitWithAClearMessage() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Limit Owner");
		var first = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"One\",\"content\":" + json("a".repeat(2000)) + "}");
		assertThat(first.status()).isEqualTo(201);
		var second = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"Two\",\"content\":" + json("b".repeat(1500)) + "}");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.code()).isEqualTo("knowledge_limit_reached");
		assertThat(second.json().path("detail").asString()).contains("3000 characters").contains("has 2000");
		assertThat(owner.api().get(owner.sources()).json().path("total").asLong()).isEqualTo(1);
	}

	@Test
	void refusesOversizedUploadsAndEnforcesTheWorkspaceQuota() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Quota Owner");
		var tooLarge = upload(this.support.baseUrl(), owner.key(), owner.botId(), "big.txt",
				"x".repeat(21 * 1024).getBytes(StandardCharsets.UTF_8));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.code()).isEqualTo("source_too_large");
		var page = ("<!doctype html><html><head><title>Page</title><script>" + "var x = 1;\n".repeat(1400)
				+ "</script></head><body><p>A short paragraph of real text.</p></body></html>").getBytes(StandardCharsets.UTF_8);
		var other = this.bots.create(owner.tenant(), BotSettings.defaults("Second bot")).id();
		assertThat(upload(this.support.baseUrl(), owner.key(), owner.botId(), "a.html", page).status()).isEqualTo(201);
		assertThat(upload(this.support.baseUrl(), owner.key(), other, "b.html", page).status()).isEqualTo(201);
		var over = upload(this.support.baseUrl(), owner.key(), other, "c.html", page);
		assertThat(over.status()).isEqualTo(409);
		assertThat(over.code()).isEqualTo("upload_quota_exceeded");
	}

}
