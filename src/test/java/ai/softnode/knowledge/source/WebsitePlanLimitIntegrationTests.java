package ai.softnode.knowledge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.softnode.bots.BotManagement;
import ai.softnode.knowledge.crawl.TestSite;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** With billing on, a website crawl is bounded by the plan's knowledge limit, not only the installation's. */
@IntegrationTest
class WebsitePlanLimitIntegrationTests {

	@DynamicPropertySource
	static void billing(DynamicPropertyRegistry registry) {
		registry.add("stripe.secret-key", () -> "sk_test_knowledge");
		registry.add("softnode.billing.plans.free.knowledge-characters", () -> "60");
	}

	private final TestSite site = new TestSite();

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Autowired
	Sources sources;

	@Autowired
	WebsiteSync websites;

	@AfterEach
	void stop() {
		this.site.close();
	}

	@Test
	void aCrawlOverThePlansKnowledgeLimitFailsWithAnUpgradeHint() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Plan Crawl Owner");
		this.site.html("/", "Harbour Bikes", "<main><h1>Harbour Bikes</h1><p>Bicycle hire on the harbour front since 1998, "
				+ "with city bikes, tandems and cargo bikes for every day of the week.</p></main>");
		var now = OffsetDateTime.now(ZoneOffset.UTC);
		var source = new Source(UUID.randomUUID(), owner.tenant().workspace(), owner.botId(), "url", "Harbour site", Source.PENDING, null,
				false, null, this.site.url("/"), 10, "daily", null, null, 0, 0, 0, now, now, null, null);
		this.sources.insert(source);

		assertThatThrownBy(() -> this.websites.sync(source, this.site.crawler(), () -> true, () -> { }))
			.isInstanceOf(SourceFailed.class)
			.hasMessageContaining("knowledge limit of 60 characters")
			.hasMessageContaining("upgrade your plan at /app/settings/billing");
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_page WHERE source_id = ?", source.id())).isZero();
	}

}
