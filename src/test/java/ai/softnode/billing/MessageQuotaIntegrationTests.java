package ai.softnode.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.softnode.SoftnodeApplication;
import ai.softnode.support.FakeAnthropic;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.VisitorClient;

/**
 * The visitor-message quota is exact under concurrency across two application nodes sharing one
 * database: the test's own context and a second one started beside it on the same database.
 */
@IntegrationTest
class MessageQuotaIntegrationTests {

	/**
	 * These tests start a second application node in this JVM. Two nodes need a shared database
	 * server: against one in-memory H2 database H2 2.4 corrupts its state, so they run on PostgreSQL
	 * (the second pass of .ci/run) and skip on H2.
	 */
	@org.junit.jupiter.api.BeforeAll
	static void needsASharedDatabaseServer() {
		org.junit.jupiter.api.Assumptions.assumeTrue(String.valueOf(System.getenv("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql:"),
				"Two-node test skipped: set SPRING_DATASOURCE_URL to a PostgreSQL database to run it.");
	}


	static final FakeAnthropic model = FakeAnthropic.start();

	static final String[] BILLING = { "stripe.secret-key=sk_test_quota", "stripe.webhook-secret=whsec_quota",
			"stripe.api-base=http://127.0.0.1:9", "softnode.billing.plans.free.messages=101" };

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (var property : BILLING) {
			var parts = property.split("=", 2);
			registry.add(parts[0], () -> parts[1]);
		}
		registry.add("anthropic.api-key", () -> "test-key");
		registry.add("anthropic.base-url", model::baseUrl);
		registry.add("softnode.llm.breaker.minimum-calls", () -> 1000);
	}

	@AfterAll
	static void stop() {
		model.close();
	}

	@Autowired
	TestSupport support;

	@Test
	void fiftyParallelVisitorsOnTwoNodesGetExactlyTheHundredMessagesLeftAndNoMore() throws Exception {
		var arguments = new ArrayList<String>();
		for (var property : BILLING) {
			arguments.add("--" + property);
		}
		arguments.addAll(java.util.List.of("--server.port=0", "--anthropic.api-key=test-key", "--anthropic.base-url=" + model.baseUrl(),
				"--softnode.llm.breaker.minimum-calls=1000"));
		var secondNode = new SpringApplicationBuilder(SoftnodeApplication.class).profiles("test").run(arguments.toArray(String[]::new));
		try {
			var nodes = new String[] { this.support.baseUrl(),
					"http://localhost:" + secondNode.getEnvironment().getProperty("local.server.port") };
			var owner = this.support.signUp("Quota Owner");
			var bot = this.support.createBot(owner, "{\"name\":\"Busy bot\",\"fallbackMessage\":\"We are busy; email us.\"}");
			var publicId = bot.path("publicId").asString();
			// One answer first, so the bot's daily usage row exists before the burst: the chat module's first
			// insert of that row is not safe under concurrency (reported separately). 100 messages remain.
			var first = VisitorClient.of(nodes[0], publicId).fromIp("10.78.0.1");
			first.start("https://shop.example/", null);
			assertThat(first.ask("Warm-up question").text()).isNotEqualTo("We are busy; email us.");
			var before = model.requests().size();

			var start = new CountDownLatch(1);
			var pool = Executors.newFixedThreadPool(50);
			var answers = new ArrayList<Future<Integer>>();
			try {
				for (int i = 0; i < 50; i++) {
					var visitor = VisitorClient.of(nodes[i % 2], publicId).fromIp("10.77." + (i / 200) + "." + (i % 200 + 1));
					answers.add(pool.submit(() -> {
						visitor.start("https://shop.example/", null);
						start.await();
						var fallbacks = 0;
						for (int q = 0; q < 3; q++) {
							var turn = visitor.ask("Question " + q + " " + UUID.randomUUID());
							assertThat(turn.last().name()).isEqualTo("done");
							fallbacks += turn.text().equals("We are busy; email us.") ? 1 : 0;
						}
						return fallbacks;
					}));
				}
				start.countDown();
				var fallbacks = 0;
				for (var answer : answers) {
					fallbacks += answer.get(3, TimeUnit.MINUTES);
				}
				assertThat(model.requests().size() - before).as("model calls").isEqualTo(100);
				assertThat(fallbacks).as("visitors answered with the fallback").isEqualTo(50);
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(this.support.count("SELECT messages FROM billing_usage WHERE workspace_id = ?", owner.workspaceId())).isEqualTo(101);
			assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND kind = 'billing-quota-80'",
					owner.email().toLowerCase())).isEqualTo(1);
			assertThat(this.support.awaitMail(owner.email(), "billing-quota-100")).contains("fallback message").contains("/app/settings/billing");
			var page = owner.session().get("/app/settings/billing").body();
			assertThat(page).contains("id=\"quota-banner\"").contains("101 of 101 used");
			assertThat(owner.session().get("/app/bots").body()).contains("id=\"billing-banner\"")
				.contains("All 101 visitor messages of this period are used");
		}
		finally {
			secondNode.close();
		}
	}

}
