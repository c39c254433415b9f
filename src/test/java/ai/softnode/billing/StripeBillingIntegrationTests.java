package ai.softnode.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;

/** Billing on, against a local fake Stripe API and webhooks signed with Stripe's real scheme. */
@IntegrationTest
class StripeBillingIntegrationTests {

	static final String SECRET = "whsec_test_" + UUID.randomUUID().toString().replace("-", "");

	static final FakeStripe stripe = FakeStripe.start();

	@DynamicPropertySource
	static void billing(DynamicPropertyRegistry registry) {
		registry.add("stripe.secret-key", () -> "sk_test_fake");
		registry.add("stripe.webhook-secret", () -> SECRET);
		registry.add("stripe.api-base", stripe::baseUrl);
		registry.add("softnode.billing.grace-period", () -> "PT3S");
		registry.add("softnode.billing.plans.free.knowledge-characters", () -> "50");
	}

	@AfterAll
	static void stop() {
		stripe.close();
	}

	@Autowired
	TestSupport support;

	@Autowired
	BillingManagement billing;

	@Test
	void botsCreatedAtTheSameInstantCannotExceedThePlanLimit() throws Exception {
		var owner = this.support.signUp("Race Owner");
		var key = this.support.createApiKey(owner);
		var start = new CountDownLatch(1);
		var results = new ArrayList<Future<Integer>>();
		var pool = Executors.newFixedThreadPool(6);
		try {
			for (int i = 0; i < 6; i++) {
				var name = "Racer " + i;
				results.add(pool.submit(() -> {
					start.await();
					return this.support.api(key).post("/api/v1/bots", "{\"name\":\"" + name + "\"}").status();
				}));
			}
			start.countDown();
			var statuses = new ArrayList<Integer>();
			for (var result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).as("the Free plan has one bot").containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(402);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM bots_bot WHERE workspace_id = ?", owner.workspaceId())).isEqualTo(1);
	}

	@Test
	void fullUpgradeFromCheckoutToWebhookActivatesThePlanAndItsLimits() {
		var owner = this.support.signUp("Upgrade Owner");
		var key = this.support.createApiKey(owner);
		var first = this.support.api(key).post("/api/v1/bots", "{\"name\":\"First\"}");
		assertThat(first.status()).isEqualTo(201);
		var visitor = this.support.visitor(first.json().path("publicId").asString());
		assertThat(visitor.config().json().path("poweredBy").asBoolean()).as("the Free plan keeps the branding").isTrue();
		var refused = this.support.api(key).post("/api/v1/bots", "{\"name\":\"Second\"}");
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.code()).isEqualTo("plan_limit_reached");
		assertThat(refused.json().path("detail").asString()).contains("1 bots").contains("/app/settings/billing");

		var upgrade = checkout(owner, "pro");
		var sent = lastForm("/v1/checkout/sessions");
		assertThat(sent).containsEntry("mode", "subscription").containsEntry("client_reference_id", owner.workspaceId().toString())
			.containsEntry("line_items[0][price]", "price_pro_monthly").containsEntry("customer", upgrade.customer());
		assertThat(sent.get("success_url")).startsWith("http://localhost:8080/app/settings/billing");
		assertThat(plan(owner)).isEqualTo("Free");

		var now = Instant.now().getEpochSecond();
		assertThat(deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "checkout.session.completed", now,
				FakeStripe.checkoutSession(upgrade.session(), upgrade.customer(), owner.workspaceId().toString(), "sub_" + upgrade.session())))
			.statusCode()).isEqualTo(200);
		assertThat(deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.created", now,
				FakeStripe.subscription("sub_" + upgrade.session(), upgrade.customer(), "active", "price_pro_monthly", now, now + 30 * 86400, false)))
			.statusCode()).isEqualTo(200);

		assertThat(plan(owner)).isEqualTo("Pro");
		assertThat(visitor.config().json().path("poweredBy").asBoolean()).as("Pro removes the branding").isFalse();
		assertThat(this.support.api(key).post("/api/v1/bots", "{\"name\":\"Second\"}").status()).isEqualTo(201);
		var page = owner.session().get("/app/settings/billing").body();
		assertThat(page).contains("Manage billing").contains("2 of 5 used");

		var portal = owner.session().post("/app/settings/billing/portal");
		assertThat(portal.statusCode()).isEqualTo(302);
		assertThat(portal.headers().firstValue("Location").orElseThrow()).startsWith(stripe.baseUrl() + "/portal/");
		assertThat(lastForm("/v1/billing_portal/sessions")).containsEntry("customer", upgrade.customer());

		checkout(owner, "business");
		assertThat(stripe.requests("/v1/customers").stream()
			.filter(r -> owner.workspaceId().toString().equals(r.form().get("metadata[workspace_id]"))).count())
			.as("the customer is created once per workspace").isEqualTo(1);
	}

	@Test
	void paymentFailureKeepsThePlanThroughTheGracePeriodThenDowngrades() throws Exception {
		var owner = this.support.signUp("Grace Owner");
		var upgrade = activate(owner, "price_pro_monthly");
		var key = this.support.createApiKey(owner);
		assertThat(this.support.api(key).post("/api/v1/bots", "{\"name\":\"One\"}").status()).isEqualTo(201);
		assertThat(this.support.api(key).post("/api/v1/bots", "{\"name\":\"Two\"}").status()).isEqualTo(201);

		var failed = FakeStripe.event("evt_" + UUID.randomUUID(), "invoice.payment_failed", Instant.now().getEpochSecond() + 1,
				FakeStripe.invoice("in_" + UUID.randomUUID(), upgrade.customer(), 2900, Instant.now().getEpochSecond()));
		assertThat(deliver(failed).statusCode()).isEqualTo(200);
		assertThat(plan(owner)).isEqualTo("Pro");
		var page = owner.session().get("/app/settings/billing").body();
		assertThat(page).contains("id=\"grace-banner\"").contains("Your last payment failed").contains("payment failed");
		assertThat(this.support.awaitMail(owner.email(), "billing-payment-failed")).contains("Manage billing");
		assertThat(owner.session().get("/app/bots").body()).as("owners see it on every dashboard page")
			.contains("id=\"billing-banner\"").contains("Your last payment failed");

		var replay = deliver(failed);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(replay.body()).contains("duplicate");
		assertThat(mails(owner, "billing-payment-failed")).as("a replayed event has no second effect").isEqualTo(1);

		Thread.sleep(3500);
		assertThat(plan(owner)).isEqualTo("Free");
		assertThat(this.support.api(key).post("/api/v1/bots", "{\"name\":\"Three\"}").status())
			.as("downgraded below current use: data kept, new creation blocked").isEqualTo(402);
		assertThat(this.support.api(key).get("/api/v1/bots").json().path("items")).hasSize(2);
	}

	@Test
	void aLatePaymentWithinGraceRestoresTheSubscription() {
		var owner = this.support.signUp("Late Payer");
		var upgrade = activate(owner, "price_business_monthly");
		var now = Instant.now().getEpochSecond();
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "invoice.payment_failed", now + 1,
				FakeStripe.invoice("in_" + UUID.randomUUID(), upgrade.customer(), 9900, now)));
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "invoice.paid", now + 2,
				FakeStripe.invoice("in_" + UUID.randomUUID(), upgrade.customer(), 9900, now + 2)));
		assertThat(this.support.jdbc().sql("SELECT status FROM billing_account WHERE workspace_id = ?").param(owner.workspaceId())
			.query(String.class).single()).isEqualTo("active");
		var page = owner.session().get("/app/settings/billing").body();
		assertThat(page).doesNotContain("grace-banner").contains("Business").contains("https://invoice.stripe.test/");
	}

	@Test
	void cancellationAtPeriodEndKeepsThePlanUntilThenAndOlderEventsArriveLateWithoutEffect() {
		var owner = this.support.signUp("Cancel Owner");
		var upgrade = activate(owner, "price_pro_monthly");
		var now = Instant.now().getEpochSecond();
		var sub = "sub_" + upgrade.session();
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.updated", now + 10,
				FakeStripe.subscription(sub, upgrade.customer(), "active", "price_pro_monthly", now - 10, now + 3, true)));
		// an older update, delivered late, must not undo the cancellation
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.updated", now + 5,
				FakeStripe.subscription(sub, upgrade.customer(), "active", "price_pro_monthly", now - 10, now + 86400, false)));
		assertThat(plan(owner)).isEqualTo("Pro");
		assertThat(owner.session().get("/app/settings/billing").body()).contains("cancel-banner");

		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.deleted", now + 20,
				FakeStripe.subscription(sub, upgrade.customer(), "canceled", "price_pro_monthly", now - 10, now + 3, true)));
		assertThat(plan(owner)).isEqualTo("Free");
		// a late "updated" for the ended subscription does not revive it
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.updated", now + 30,
				FakeStripe.subscription(sub, upgrade.customer(), "active", "price_pro_monthly", now - 10, now + 86400, false)));
		assertThat(plan(owner)).isEqualTo("Free");
	}

	@Test
	void badDeliveriesGetTheirStatusAndChangeNothing() {
		var owner = this.support.signUp("Bad Delivery Owner");
		var upgrade = checkout(owner, "pro");
		var now = Instant.now().getEpochSecond();
		var event = FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.created", now,
				FakeStripe.subscription("sub_bad", upgrade.customer(), "active", "price_pro_monthly", now, now + 86400, false));
		var before = snapshot(owner);

		var badSignature = post(event, FakeStripe.sign(event, "whsec_wrong", now));
		assertThat(badSignature.statusCode()).isEqualTo(400);
		assertThat(badSignature.body()).contains("invalid_signature");
		var tampered = post(event.replace("active", "trialing"), FakeStripe.sign(event, SECRET, now));
		assertThat(tampered.statusCode()).isEqualTo(400);
		var expired = post(event, FakeStripe.sign(event, SECRET, now - 3600));
		assertThat(expired.statusCode()).isEqualTo(400);
		assertThat(expired.body()).contains("signature_expired");
		var missing = post(event, null);
		assertThat(missing.statusCode()).isEqualTo(400);
		var malformed = "{\"id\":\"evt_broken\",\"type\":\"customer.subscription.created\",\"data\":{\"object\":";
		var broken = post(malformed, FakeStripe.sign(malformed, SECRET, now));
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(broken.body()).contains("malformed_event");
		assertThat(broken.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		var huge = post("{\"id\":\"" + "x".repeat(600 * 1024) + "\"}", FakeStripe.sign(event, SECRET, now));
		assertThat(huge.statusCode()).isEqualTo(413);
		var unknown = FakeStripe.event("evt_" + UUID.randomUUID(), "customer.tax_id.created", now, "{\"id\":\"txi_1\",\"object\":\"tax_id\"}");
		var ignored = deliver(unknown);
		assertThat(ignored.statusCode()).isEqualTo(200);
		assertThat(ignored.body()).contains("ignored");
		var stranger = deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.created", now,
				FakeStripe.subscription("sub_x", "cus_nobody_knows", "active", "price_pro_monthly", now, now + 86400, false)));
		assertThat(stranger.statusCode()).isEqualTo(200);
		assertThat(stranger.body()).contains("unknown_customer");

		assertThat(snapshot(owner)).isEqualTo(before);
		assertThat(plan(owner)).isEqualTo("Free");
	}

	@Test
	void concurrentDeliveriesOfOneEventApplyOnce() throws Exception {
		var owner = this.support.signUp("Concurrent Owner");
		var upgrade = activate(owner, "price_pro_monthly");
		var event = FakeStripe.event("evt_" + UUID.randomUUID(), "invoice.payment_failed", Instant.now().getEpochSecond() + 1,
				FakeStripe.invoice("in_" + UUID.randomUUID(), upgrade.customer(), 2900, Instant.now().getEpochSecond()));
		var start = new CountDownLatch(1);
		var results = new ArrayList<Future<HttpResponse<String>>>();
		var pool = Executors.newFixedThreadPool(8);
		try {
			for (int i = 0; i < 8; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return deliver(event);
				}));
			}
			start.countDown();
			var bodies = new ArrayList<String>();
			for (var result : results) {
				var response = result.get();
				assertThat(response.statusCode()).isEqualTo(200);
				bodies.add(response.body());
			}
			assertThat(bodies.stream().filter(body -> body.contains("processed")).count()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(mails(owner, "billing-payment-failed")).isEqualTo(1);
		assertThat(this.support.count("SELECT COUNT(*) FROM billing_invoice WHERE workspace_id = ?", owner.workspaceId())).isEqualTo(1);
	}

	@Test
	void theMembersLimitIsEnforcedWhereInvitationsAreMade() {
		var owner = this.support.signUp("Team Owner");
		var response = owner.session().post("/app/settings/members/invite", "email", TestSupport.uniqueEmail("colleague"), "role", "AGENT");
		assertThat(response.body()).contains("Your plan allows 1 team members");
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_invitation WHERE workspace_id = ?", owner.workspaceId())).isZero();
	}

	@Test
	void theKnowledgeLimitIsEnforcedWhereSourcesAreAdded() {
		var owner = this.support.signUp("Knowledge Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.api(key).post("/api/v1/bots", "{\"name\":\"Reader\"}").json().path("id").asString();
		var sources = "/api/v1/bots/" + bot + "/sources";
		assertThat(this.support.api(key).post(sources, "{\"type\":\"text\",\"title\":\"Short\",\"content\":\"We bake bread daily.\"}").status())
			.isEqualTo(201);
		var refused = this.support.api(key).post(sources,
				"{\"type\":\"text\",\"title\":\"Long\",\"content\":\"Our bakery opens at seven and closes at six every day.\"}");
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.code()).isEqualTo("plan_limit_reached");
		assertThat(this.support.api(key).get(sources).json().path("items")).hasSize(1);
	}

	@Test
	void onlyOwnersStartCheckoutOrOpenThePortal() {
		var owner = this.support.signUp("Admin Only");
		var admin = new Tenant(new WorkspaceId(owner.workspaceId()), owner.id(), Role.ADMIN, null);
		var calls = stripe.requests().size();
		assertThatThrownBy(() -> this.billing.checkout(admin, "pro")).isInstanceOfSatisfying(Problem.class,
				problem -> assertThat(problem.code()).isEqualTo("role_required"));
		assertThatThrownBy(() -> this.billing.portal(admin)).isInstanceOfSatisfying(Problem.class,
				problem -> assertThat(problem.code()).isEqualTo("role_required"));
		assertThat(stripe.requests()).hasSize(calls);
	}

	@Test
	void anUnknownPlanIsRefusedWithAClearMessage() {
		var owner = this.support.signUp("Owner Only");
		var api = owner.session().post("/app/settings/billing/checkout", "plan", "does-not-exist");
		assertThat(api.statusCode()).isEqualTo(302);
		assertThat(owner.session().follow(api).body()).contains("Choose one of the paid plans");
	}

	static java.util.Map<String, String> lastForm(String path) {
		var requests = stripe.requests(path);
		return requests.get(requests.size() - 1).form();
	}

	record Upgrade(String customer, String session) {
	}

	/** Starts Checkout from the billing page as the owner would, and reads back what Stripe saw. */
	Upgrade checkout(User owner, String plan) {
		var response = owner.session().post("/app/settings/billing/checkout", "plan", plan);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		var location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(stripe.baseUrl() + "/pay/cs_test_");
		var session = location.substring(location.lastIndexOf('/') + 1);
		var customer = this.support.jdbc().sql("SELECT customer_id FROM billing_account WHERE workspace_id = ?")
			.param(owner.workspaceId()).query(String.class).single();
		return new Upgrade(customer, session);
	}

	/** Checkout plus the webhooks Stripe sends when it succeeds. */
	Upgrade activate(User owner, String priceId) {
		var upgrade = checkout(owner, priceId.contains("business") ? "business" : "pro");
		var now = Instant.now().getEpochSecond();
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "checkout.session.completed", now,
				FakeStripe.checkoutSession(upgrade.session(), upgrade.customer(), owner.workspaceId().toString(), "sub_" + upgrade.session())));
		deliver(FakeStripe.event("evt_" + UUID.randomUUID(), "customer.subscription.created", now,
				FakeStripe.subscription("sub_" + upgrade.session(), upgrade.customer(), "active", priceId, now, now + 30 * 86400, false)));
		return upgrade;
	}

	String plan(User owner) {
		var page = owner.session().get("/app/settings/billing").body();
		var start = page.indexOf("id=\"plan-name\">");
		assertThat(start).as(page).isPositive();
		return page.substring(start + 15, page.indexOf('<', start + 15));
	}

	long mails(User owner, String kind) {
		return this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND kind = ?", owner.email().toLowerCase(), kind);
	}

	List<Object> snapshot(User owner) {
		var account = this.support.jdbc().sql("SELECT plan, subscription_id, status, state_at FROM billing_account WHERE workspace_id = ?")
			.param(owner.workspaceId()).query().listOfRows();
		return List.of(account, this.support.count("SELECT COUNT(*) FROM billing_stripe_event"),
				this.support.count("SELECT COUNT(*) FROM billing_invoice WHERE workspace_id = ?", owner.workspaceId()));
	}

	HttpResponse<String> deliver(String payload) {
		return post(payload, FakeStripe.sign(payload, SECRET, Instant.now().getEpochSecond()));
	}

	HttpResponse<String> post(String payload, String signature) {
		return FakeStripe.post(this.support.baseUrl(), payload, signature);
	}

}
