package ai.softnode.knowledge.source;

import static ai.softnode.knowledge.source.KnowledgeFixtures.awaitSettled;
import static ai.softnode.knowledge.source.KnowledgeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.bots.BotManagement;
import ai.softnode.knowledge.KnowledgeSearch;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class SourcesApiIntegrationTests {

	static final String SHOP = """
			# Shipping
			We ship every order from our warehouse in Leeds within one working day. Standard delivery inside the United Kingdom \
			takes two to three working days and costs £3.95; orders over £40 ship free.

			Express delivery arrives the next working day when you order before 2 pm, for £7.50.

			# Returns and refunds
			You can send any unworn item back within 30 days of delivery. Print the prepaid label from your account page and drop \
			the parcel at any post office.

			Refunds are paid to the original payment method within five working days after the parcel reaches our warehouse.

			# Care instructions
			Wash merino wool garments cold on a wool cycle and dry them flat, away from direct heat.
			""";

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Autowired
	KnowledgeSearch search;

	@Test
	void ingestsTextAndQaInTheBackgroundAndFindsParaphrasedQuestions() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Text Owner");
		var created = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"Shop policies\",\"content\":" + json(SHOP) + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().path("status").asString()).isIn("pending", "processing", "ready");
		var qa = owner.api().post(owner.sources(), """
				{"type":"qa","question":"Do you deliver to Canada?","answer":"Yes, we ship to Canada in 7 to 10 working days for £19."}""");
		assertThat(qa.status()).as(qa.body()).isEqualTo(201);

		var text = awaitSettled(owner.api(), owner.botId(), created.json().path("id").asString()).json();
		assertThat(text.path("status").asString()).isEqualTo("ready");
		assertThat(text.path("chunks").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(text.path("characters").asLong()).isEqualTo(SHOP.strip().length());
		assertThat(text.path("lastSyncedAt").asString()).endsWith("Z");
		assertThat(awaitSettled(owner.api(), owner.botId(), qa.json().path("id").asString()).json().path("status").asString())
			.isEqualTo("ready");

		var refund = this.search.search(owner.tenant().workspace(), owner.botId(), "How long until I get my money back?", 3);
		assertThat(refund).isNotEmpty();
		assertThat(refund.get(0).text()).contains("Refunds are paid");
		var washing = this.search.search(owner.tenant().workspace(), owner.botId(), "how should I clean my wool sweater", 3);
		assertThat(washing.get(0).text()).contains("wool cycle");
		var canada = this.search.search(owner.tenant().workspace(), owner.botId(), "Can you ship my order to Canada?", 3);
		assertThat(canada.get(0).isQa()).isTrue();
		assertThat(canada.get(0).question()).isEqualTo("Do you deliver to Canada?");
		assertThat(canada.get(0).text()).contains("7 to 10 working days");
		assertThat(this.search.search(owner.tenant().workspace(), owner.botId(), "zxqv plorf", 3)).isEmpty();

		var list = owner.api().get(owner.sources() + "?size=1");
		assertThat(list.json().path("total").asLong()).isEqualTo(2);
		assertThat(list.json().path("items").size()).isEqualTo(1);
		assertThat(list.json().path("size").asInt()).isEqualTo(1);
	}

	@Test
	void deletingASourceRemovesItFromSearchAtOnce() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Delete Owner");
		var created = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"Shop\",\"content\":" + json(SHOP) + "}");
		var id = created.json().path("id").asString();
		awaitSettled(owner.api(), owner.botId(), id);
		assertThat(this.search.search(owner.tenant().workspace(), owner.botId(), "express delivery next day", 3)).isNotEmpty();
		assertThat(owner.api().delete(owner.sources() + "/" + id).status()).isEqualTo(204);
		assertThat(this.search.search(owner.tenant().workspace(), owner.botId(), "express delivery next day", 3)).isEmpty();
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_chunk WHERE source_id = ?", UUID.fromString(id))).isZero();
		assertThat(owner.api().get(owner.sources() + "/" + id).status()).isEqualTo(404);
	}

	@Test
	void anotherWorkspaceCannotListReadSyncOrDeleteSources() {
		var a = KnowledgeFixtures.owner(this.support, this.bots, "Owner A");
		var b = KnowledgeFixtures.owner(this.support, this.bots, "Owner B");
		var created = a.api().post(a.sources(), "{\"type\":\"qa\",\"question\":\"Opening hours?\",\"answer\":\"9 to 5.\"}");
		var id = created.json().path("id").asString();
		assertThat(b.api().get(a.sources()).status()).isEqualTo(404);
		assertThat(b.api().get(a.sources() + "/" + id).status()).isEqualTo(404);
		assertThat(b.api().post(a.sources() + "/" + id + "/sync", null).status()).isEqualTo(404);
		assertThat(b.api().delete(a.sources() + "/" + id).status()).isEqualTo(404);
		assertThat(b.api().get(b.sources() + "/" + id).code()).isEqualTo("source_not_found");
		assertThat(b.api().post(a.sources(), "{\"type\":\"qa\",\"question\":\"x?\",\"answer\":\"y\"}").code()).isEqualTo("bot_not_found");
		assertThat(a.api().get(a.sources() + "/" + id).status()).isEqualTo(200);
		assertThat(this.search.search(b.tenant().workspace(), a.botId(), "opening hours", 3)).isEmpty();
	}

	@Test
	void rejectsBadInputWithClearProblemsAndStoresNothing() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Strict Owner");
		var noType = owner.api().post(owner.sources(), "{\"title\":\"x\",\"content\":\"y\"}");
		assertThat(noType.status()).isEqualTo(400);
		assertThat(noType.isProblem()).isTrue();
		assertThat(noType.code()).isEqualTo("validation_failed");
		assertThat(owner.api().post(owner.sources(), "{\"type\":\"pdf\"}").json().path("errors").get(0).path("field").asString()).isEqualTo("type");
		var empty = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\" \",\"content\":\"\"}");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().path("errors").size()).isEqualTo(2);
		assertThat(owner.api().post(owner.sources(), "{\"type\":\"qa\",\"question\":\"q?\"}").json().path("errors").get(0)
			.path("field").asString()).isEqualTo("answer");
		assertThat(owner.api().post(owner.sources(), "{\"type\":\"qa\",\"question\":\"q?\",\"answer\":\"a\",\"url\":\"https://x.example\"}")
			.json().path("errors").get(0).path("field").asString()).isEqualTo("url");
		assertThat(owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"t\",\"content\":\"c\",\"color\":\"red\"}").code())
			.isEqualTo("unknown_field");
		assertThat(owner.api().post(owner.sources(), "{\"type\":\"text\",").code()).isEqualTo("malformed_json");
		var huge = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"big\",\"content\":\"" + "a ".repeat(600_000) + "\"}");
		assertThat(huge.status()).isEqualTo(413);
		assertThat(huge.code()).isEqualTo("source_too_large");
		var badUrl = owner.api().post(owner.sources(), "{\"type\":\"url\",\"url\":\"ftp://example.com/\",\"maxPages\":0}");
		assertThat(badUrl.status()).isEqualTo(400);
		assertThat(badUrl.body()).contains("Only http:// and https://").contains("maxPages");
		assertThat(owner.api().post(owner.sources(), "{\"type\":\"url\",\"url\":\"https://example.com\",\"schedule\":\"hourly\"}").code())
			.isEqualTo("validation_failed");
		assertThat(owner.api().get(owner.sources() + "/not-a-uuid").status()).isEqualTo(404);
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE bot_id = ?", owner.botId())).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_job WHERE bot_id = ?", owner.botId())).isZero();
	}

	@Test
	void agentsMayReadButNotChangeKnowledge(@Autowired SourceManagement management) {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Role Owner");
		var agent = new Tenant(owner.tenant().workspace(), UUID.randomUUID(), Role.AGENT, null);
		assertThat(management.list(agent, owner.botId(), 0, 10).total()).isZero();
		assertThatThrownBy(() -> management.addText(agent, owner.botId(), "t", "c")).isInstanceOf(Problem.class)
			.hasMessageContaining("Admin role");
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE bot_id = ?", owner.botId())).isZero();
	}

	@Test
	void resyncsASourceAndDeletesKnowledgeWithItsBot() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Sync Owner");
		var created = owner.api().post(owner.sources(), "{\"type\":\"text\",\"title\":\"Shop\",\"content\":" + json(SHOP) + "}");
		var id = created.json().path("id").asString();
		var first = awaitSettled(owner.api(), owner.botId(), id).json();
		var sync = owner.api().post(owner.sources() + "/" + id + "/sync", null);
		assertThat(sync.status()).isEqualTo(202);
		assertThat(sync.json().path("status").asString()).isIn("pending", "processing", "ready");
		var second = awaitSettled(owner.api(), owner.botId(), id).json();
		assertThat(second.path("chunks").asInt()).isEqualTo(first.path("chunks").asInt());
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_chunk WHERE source_id = ?", UUID.fromString(id)))
			.isEqualTo(first.path("chunks").asInt());

		this.bots.delete(owner.tenant(), owner.botId());
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE bot_id = ?", owner.botId())).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_chunk WHERE bot_id = ?", owner.botId())).isZero();
	}

}
