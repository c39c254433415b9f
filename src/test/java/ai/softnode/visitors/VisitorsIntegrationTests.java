package ai.softnode.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** Visitors through the real widget API: location, referral and device, and no raw address anywhere. */
@IntegrationTest
class VisitorsIntegrationTests {

	static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	@Autowired
	TestSupport support;

	@Autowired
	VisitorTracking tracking;

	private String bot() {
		var owner = this.support.signUp("Visitor Owner");
		return this.support.createBot(owner, "{\"name\":\"Geo bot\",\"model\":\"offline\"}").path("publicId").asString();
	}

	@Test
	void conversationThroughTrustedProxyIsAttributedToForwardedCountryWithReferralAndDevice() {
		var visitor = this.support.visitor(bot()).fromIp("81.2.69.160").withUserAgent(IPHONE);
		var started = visitor.start("https://shop.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale",
				"https://www.google.com/search?q=shop");
		assertThat(started.status()).isEqualTo(201);
		var conversation = UUID.fromString(visitor.conversationId());
		assertThat(this.support.jdbc().sql("SELECT country FROM chat_conversation WHERE id = ?").param(conversation).query(String.class).single())
			.isEqualTo("GB");
		var row = this.support.jdbc()
			.sql("SELECT country, referrer_domain, utm_source, utm_medium, utm_campaign, device, browser, first_page_url FROM visitors_visitor WHERE id = ?")
			.param(UUID.fromString(visitor.visitorId())).query().singleRow();
		assertThat(row.values()).containsExactlyInAnyOrder("GB", "google.com", "newsletter", "email", "spring sale", "mobile", "Safari",
				"https://shop.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale");
	}

	@Test
	void simultaneousFirstVisitsOfTheDayAreAllRecordedAndCountedOnceEach() throws Exception {
		var publicId = bot();
		var bot = this.support.jdbc().sql("SELECT id, workspace_id FROM bots_bot WHERE public_id = ?").param(publicId).query().singleRow();
		var botId = (UUID) bot.get("id");
		var workspace = new ai.softnode.platform.WorkspaceId((UUID) bot.get("workspace_id"));
		var visit = this.tracking.observe("81.2.69.160", IPHONE, "https://shop.example/pricing", null);
		var visitors = 32;
		var ready = new java.util.concurrent.CyclicBarrier(visitors);
		var failures = java.util.Collections.synchronizedList(new java.util.ArrayList<Throwable>());
		var threads = new java.util.ArrayList<Thread>();
		for (int i = 0; i < visitors; i++) {
			var thread = new Thread(() -> {
				try {
					ready.await();
					// same country, page, source and device: all race to create the day's and the month's rollup rows
					this.tracking.record(workspace, botId, UUID.randomUUID(), UUID.randomUUID(), visit);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (var thread : threads) {
			thread.join(30_000);
		}
		assertThat(failures).isEmpty();
		assertThat(this.support.count("SELECT SUM(conversations) FROM analytics_dimension WHERE bot_id = ? AND kind = 'country' AND dim_key = 'GB'",
				botId)).isEqualTo(visitors);
		assertThat(this.support.count("SELECT SUM(conversations) FROM analytics_dimension_month WHERE bot_id = ? AND kind = 'device'",
				botId)).isEqualTo(visitors);
		assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE bot_id = ?", botId)).isEqualTo(visitors);
	}

	@Test
	void returningVisitorKeepsOneRecordWithFirstAndLastSeen() {
		var publicId = bot();
		var visitor = this.support.visitor(publicId).fromIp("8.8.8.8");
		visitor.start("https://shop.example/", null);
		var first = visitor.visitorId();
		visitor.start("https://shop.example/contact", null);
		assertThat(visitor.visitorId()).isEqualTo(first);
		var row = this.support.jdbc().sql("SELECT conversations, last_page_url, country FROM visitors_visitor WHERE id = ?")
			.param(UUID.fromString(first)).query().singleRow();
		assertThat(row.values()).containsExactlyInAnyOrder(2, "https://shop.example/contact", "US");
	}

	@Test
	void rawClientAddressIsStoredInNoTable() {
		var address = "81.2.69.160";
		var visitor = this.support.visitor(bot()).fromIp(address).withUserAgent(IPHONE);
		visitor.start("https://shop.example/?utm_source=ads", "https://news.example/");
		visitor.ask("Hello there");
		assertThat(visitor.lead("{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"consent\":true}").status()).isIn(201, 409);
		var columns = this.support.jdbc().sql("""
				SELECT table_name, column_name FROM information_schema.columns
				WHERE LOWER(table_schema) = 'public' AND LOWER(data_type) IN ('character varying', 'character', 'text', 'character large object', 'varchar', 'clob')
				""").query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
		assertThat(columns).hasSizeGreaterThan(50);
		for (var column : columns) {
			var hits = this.support.count("SELECT COUNT(*) FROM \"" + column[0] + "\" WHERE CAST(\"" + column[1] + "\" AS VARCHAR(100000)) LIKE ?",
					"%" + address + "%");
			assertThat(hits).as(column[0] + "." + column[1]).isZero();
		}
	}

	@Test
	void privateAndMalformedAddressesHaveNoLocation() {
		assertThat(this.tracking.locate("127.0.0.1")).isEqualTo(Location.UNKNOWN);
		assertThat(this.tracking.locate("10.1.2.3")).isEqualTo(Location.UNKNOWN);
		assertThat(this.tracking.locate("not-an-ip")).isEqualTo(Location.UNKNOWN);
		assertThat(this.tracking.locate("2001:4860:4860::8888").country()).isEqualTo("US");
	}

}
