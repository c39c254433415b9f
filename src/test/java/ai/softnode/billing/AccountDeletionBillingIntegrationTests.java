package ai.softnode.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;

/** With billing on, deleting an account cancels the workspace's Stripe subscription before anything is removed. */
@IntegrationTest
class AccountDeletionBillingIntegrationTests {

	static final FakeStripe stripe = FakeStripe.start();

	@DynamicPropertySource
	static void billing(DynamicPropertyRegistry registry) {
		registry.add("stripe.secret-key", () -> "sk_test_fake");
		registry.add("stripe.webhook-secret", () -> "whsec_test_" + UUID.randomUUID());
		registry.add("stripe.api-base", stripe::baseUrl);
	}

	@AfterAll
	static void stop() {
		stripe.close();
	}

	@Autowired
	TestSupport support;

	private void subscribed(User owner, String subscription) {
		this.support.jdbc().sql("""
				INSERT INTO billing_account (workspace_id, customer_id, plan, subscription_id, status, updated_at)
				VALUES (:ws, :customer, 'pro', :sub, 'active', :now)""")
			.param("ws", owner.workspaceId()).param("customer", "cus_" + UUID.randomUUID()).param("sub", subscription)
			.param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
	}

	@Test
	void deletionCancelsTheSubscriptionAndStopsWhenStripeCannotBeReached() {
		var down = this.support.signUp("Stripe Down Owner");
		var downKey = this.support.createApiKey(down);
		subscribed(down, "sub_unreachable_" + UUID.randomUUID());
		var bot = this.support.api(downKey).post("/api/v1/bots", "{\"name\":\"Kept while Stripe is down\"}");
		assertThat(bot.status()).isEqualTo(201);
		var refused = this.support.api(downKey).send("DELETE", "/api/v1/account", "{\"confirm\":\"" + down.email() + "\"}");
		assertThat(refused.status()).isEqualTo(502);
		assertThat(refused.code()).isEqualTo("stripe_unavailable");
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_workspace WHERE id = ?", down.workspaceId())).isEqualTo(1);
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE id = ?", down.id())).isEqualTo(1);
		assertThat(this.support.api(downKey).get("/api/v1/bots").status()).isEqualTo(200);
		assertThat(this.support.count("SELECT COUNT(*) FROM bots_bot WHERE workspace_id = ?", down.workspaceId()))
			.as("nothing is removed when the subscription cannot be cancelled").isEqualTo(1);

		var owner = this.support.signUp("Paying Owner");
		var key = this.support.createApiKey(owner);
		var subscription = "sub_" + UUID.randomUUID().toString().replace("-", "");
		subscribed(owner, subscription);
		var deleted = this.support.api(key).send("DELETE", "/api/v1/account", "{\"confirm\":\"" + owner.email() + "\"}");
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(stripe.requests("/v1/subscriptions/" + subscription)).hasSize(1)
			.allSatisfy(request -> assertThat(request.method()).isEqualTo("DELETE"));
		assertThat(this.support.count("SELECT COUNT(*) FROM billing_account WHERE workspace_id = ?", owner.workspaceId())).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_workspace WHERE id = ?", owner.workspaceId())).isZero();
	}

}
