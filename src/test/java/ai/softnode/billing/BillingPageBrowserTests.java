package ai.softnode.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.softnode.SoftnodeApplication;
import ai.softnode.support.Browser;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/**
 * The billing page in a real browser: with billing on against the fake Stripe (this context) and
 * with billing off (a second application on the same database without a Stripe key).
 */
@IntegrationTest
@Tag("browser")
class BillingPageBrowserTests {

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


	static final String SECRET = "whsec_browser";

	static final FakeStripe stripe = FakeStripe.start();

	@DynamicPropertySource
	static void billing(DynamicPropertyRegistry registry) {
		registry.add("stripe.secret-key", () -> "sk_test_browser");
		registry.add("stripe.webhook-secret", () -> SECRET);
		registry.add("stripe.api-base", stripe::baseUrl);
	}

	@AfterAll
	static void stop() {
		stripe.close();
	}

	@Autowired
	TestSupport support;

	@Test
	void showsPlansUsageAndTheActivatedPlanWithBillingOn() {
		var email = TestSupport.uniqueEmail("billing-browser");
		try (var browser = Browser.start()) {
			signUp(browser, this.support.baseUrl(), email);
			browser.open(this.support.baseUrl() + "/app/settings/billing");
			browser.awaitVisible("#plan-name");
			assertThat(browser.find("#plan-name").getText()).isEqualTo("Free");
			assertThat(browser.find("main").getText()).contains("Upgrade to Pro").contains("Upgrade to Business")
				.contains("0 of 100 used").doesNotContain("Billing is off");
			assertThat(browser.driver().findElements(By.cssSelector("progress"))).hasSize(3);

			// the owner's upgrade as Stripe completes it: Checkout started from the page's form, then the webhooks
			var workspace = this.support.jdbc().sql("SELECT m.workspace_id FROM workspaces_member m JOIN accounts_user u ON u.id = m.user_id WHERE u.email = ?")
				.param(email).query(UUID.class).single();
			var owner = this.support.session();
			owner.signIn(email, "a long billing secret");
			var location = owner.post("/app/settings/billing/checkout", "plan", "pro").headers().firstValue("Location").orElseThrow();
			var session = location.substring(location.lastIndexOf('/') + 1);
			var customer = this.support.jdbc().sql("SELECT customer_id FROM billing_account WHERE workspace_id = ?").param(workspace)
				.query(String.class).single();
			var now = Instant.now().getEpochSecond();
			webhook(FakeStripe.event("evt_" + UUID.randomUUID(), "checkout.session.completed", now,
					FakeStripe.checkoutSession(session, customer, workspace.toString(), "sub_" + session)));
			webhook(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.created", now,
					FakeStripe.subscription("sub_" + session, customer, "active", "price_pro_monthly", now, now + 30 * 86400, false)));
			webhook(FakeStripe.event("evt_" + UUID.randomUUID(), "invoice.paid", now,
					FakeStripe.invoice("in_" + session, customer, 2900, now)));

			browser.open(this.support.baseUrl() + "/app/settings/billing?checkout=success");
			browser.awaitVisible("#plan-name");
			assertThat(browser.find("#plan-name").getText()).isEqualTo("Pro");
			assertThat(browser.find("main").getText()).contains("Your plan").contains("Upgrade to Business").contains("29.00 USD");
			assertThat(browser.find("#manage-billing").isDisplayed()).isTrue();
			assertThat(browser.find("#invoices a").getAttribute("href")).startsWith("https://invoice.stripe.test/");
			assertThat(browser.find(".appnav").getText()).contains("Billing");
		}
	}

	@Test
	void saysBillingIsOffWithoutAStripeKey() {
		var node = new SpringApplicationBuilder(SoftnodeApplication.class).profiles("test").run("--server.port=0");
		try (var browser = Browser.start()) {
			var baseUrl = "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
			signUp(browser, baseUrl, TestSupport.uniqueEmail("billing-off-browser"));
			browser.open(baseUrl + "/app/settings/billing");
			browser.awaitVisible("#billing-off");
			assertThat(browser.find("#billing-off").getText()).contains("Billing is off on this installation");
			assertThat(browser.find("#plan-name").getText()).isEqualTo("Self-hosted");
			assertThat(browser.find("main").getText()).contains("0 used · unlimited").doesNotContain("Upgrade to");
			assertThat(browser.driver().findElements(By.id("manage-billing"))).isEmpty();
		}
		finally {
			node.close();
		}
	}

	private static void signUp(Browser browser, String baseUrl, String email) {
		browser.open(baseUrl + "/signup");
		browser.type("#name", "Bill Browser");
		browser.type("#email", email);
		browser.type("#password", "a long billing secret");
		browser.type("#company", "Billing Bakery");
		browser.find("form[action='/signup'] button[type=submit]").click();
		browser.await(d -> d.getCurrentUrl().contains("/app"));
	}

	private void webhook(String payload) {
		var response = FakeStripe.post(this.support.baseUrl(), payload, FakeStripe.sign(payload, SECRET, Instant.now().getEpochSecond()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("processed");
	}

}
