package ai.softnode.knowledge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.bots.BotManagement;
import ai.softnode.knowledge.KnowledgeSearch;
import ai.softnode.knowledge.crawl.TestSite;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/**
 * Website sources against a site served by the test on 127.0.0.1. The crawl runs with a guard
 * opened for that one address; the application's own guard stays closed, which the scheduled
 * re-sync at the end runs into.
 */
@IntegrationTest
class WebsiteSyncIntegrationTests {

	private final TestSite site = new TestSite();

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Autowired
	KnowledgeSearch search;

	@Autowired
	Sources sources;

	@Autowired
	WebsiteSync websites;

	@Autowired
	Ingestion ingestion;

	@AfterEach
	void stop() {
		this.site.close();
	}

	@Test
	void syncsReembedsOnlyChangedPagesDropsRemovedOnesAndFlagsAFailedResyncStale() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Site Owner");
		this.site.page("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /admin\n")
			.html("/", "Harbour Bikes", "<nav><a href=\"/hire\">Hire</a> <a href=\"/repairs\">Repairs</a> <a href=\"/admin\">Admin</a></nav>"
					+ "<main><h1>Harbour Bikes</h1><p>Bicycle hire on the harbour front since 1998.</p></main>")
			.html("/hire", "Hire prices", "<main><p>A city bike costs £15 per day and £60 per week. Helmets are included.</p></main>")
			.html("/repairs", "Repairs", "<main><p>Puncture repairs are done while you wait for £8.</p></main>")
			.html("/admin", "Admin", "<main><p>Staff rota and alarm codes.</p></main>");
		var source = insertWebsite(owner, this.site.url("/"));

		this.websites.sync(source, this.site.crawler(), () -> true, () -> { });
		var first = this.sources.find(source.id()).orElseThrow();
		assertThat(first.status()).isEqualTo("ready");
		assertThat(first.nextSyncAt()).isNotNull();
		assertThat(pages(source.id())).containsExactlyInAnyOrder(this.site.url("/"), this.site.url("/hire"), this.site.url("/repairs"));
		var ws = owner.tenant().workspace();
		var hire = this.search.search(ws, owner.botId(), "How much is it to rent a bike for a week?", 1).get(0);
		assertThat(hire.text()).contains("£60 per week");
		assertThat(hire.url()).isEqualTo(this.site.url("/hire"));
		assertThat(this.search.search(ws, owner.botId(), "alarm codes staff rota", 3)).noneMatch(p -> p.text().contains("alarm"));
		var homeChunks = chunkIds(source.id(), this.site.url("/"));

		this.site.html("/", "Harbour Bikes", "<nav><a href=\"/hire\">Hire</a></nav>"
				+ "<main><h1>Harbour Bikes</h1><p>Bicycle hire on the harbour front since 1998.</p></main>")
			.html("/hire", "Hire prices", "<main><p>A city bike costs £18 per day and £70 per week. Helmets are included.</p></main>");
		this.websites.sync(source, this.site.crawler(), () -> true, () -> { });
		assertThat(pages(source.id())).containsExactlyInAnyOrder(this.site.url("/"), this.site.url("/hire"));
		assertThat(chunkIds(source.id(), this.site.url("/"))).as("unchanged page keeps its chunks").isEqualTo(homeChunks);
		assertThat(this.search.search(ws, owner.botId(), "rent a bike for a week price", 1).get(0).text()).contains("£70 per week");
		assertThat(this.search.search(ws, owner.botId(), "puncture repair", 3)).noneMatch(p -> p.text().contains("Puncture"));

		this.support.jdbc().sql("UPDATE knowledge_source SET next_sync_at = :past WHERE id = :id")
			.param("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).param("id", source.id()).update();
		this.ingestion.scheduleDueSyncs();
		this.ingestion.scheduleDueSyncs();
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_job WHERE source_id = ?", source.id())).isLessThanOrEqualTo(1);
		var failed = awaitStatus(source.id(), "failed");
		assertThat(failed.stale()).isTrue();
		assertThat(failed.error()).contains("loopback address");
		assertThat(this.search.search(ws, owner.botId(), "rent a bike for a week price", 1)).as("stale knowledge still serves")
			.isNotEmpty();
	}

	@Test
	void aSyncThatFindsNoPagesFailsWithAReason() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Empty Site Owner");
		this.site.page("/", 200, "text/html", "<html><body><nav>Only navigation</nav></body></html>");
		var source = insertWebsite(owner, this.site.url("/"));
		assertThatThrownBy(() -> this.websites.sync(source, this.site.crawler(), () -> true, () -> { }))
			.isInstanceOf(SourceFailed.class).hasMessageContaining("No readable pages");
	}

	private Source insertWebsite(KnowledgeFixtures.Owner owner, String url) {
		var now = OffsetDateTime.now(ZoneOffset.UTC);
		var source = new Source(UUID.randomUUID(), owner.tenant().workspace(), owner.botId(), "url", "Harbour site", Source.PENDING, null,
				false, null, url, 10, "daily", null, null, 0, 0, 0, now, now, null, null);
		this.sources.insert(source);
		return source;
	}

	private List<String> pages(UUID sourceId) {
		return this.support.jdbc().sql("SELECT url FROM knowledge_page WHERE source_id = :s").param("s", sourceId).query(String.class).list();
	}

	private List<UUID> chunkIds(UUID sourceId, String url) {
		return this.support.jdbc().sql("SELECT c.id FROM knowledge_chunk c JOIN knowledge_page p ON p.id = c.page_id "
				+ "WHERE c.source_id = :s AND p.url = :u ORDER BY c.id").param("s", sourceId).param("u", url).query(UUID.class).list();
	}

	private Source awaitStatus(UUID id, String status) {
		var deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			var source = this.sources.find(id).orElseThrow();
			if (source.status().equals(status)) {
				return source;
			}
			KnowledgeFixtures.sleep(100);
		}
		throw new AssertionError("source never became " + status);
	}

}
