package ai.softnode.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** Without a Stripe key billing is off: the self-hosted plan, no limits, webhooks refused. */
@IntegrationTest
class BillingOffIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void everyWorkspaceHasTheUnlimitedSelfHostedPlanAndThePageSaysSo() {
		var owner = this.support.signUp("Self Hoster");
		var key = this.support.createApiKey(owner);
		for (int i = 0; i < 3; i++) {
			assertThat(this.support.api(key).post("/api/v1/bots", "{\"name\":\"Bot " + i + "\"}").status()).isEqualTo(201);
		}
		var page = owner.session().get("/app/settings/billing");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Billing is off on this installation").contains("Self-hosted").contains("3 used · unlimited")
			.doesNotContain("Upgrade to").doesNotContain("Manage billing");
		var checkout = owner.session().post("/app/settings/billing/checkout", "plan", "pro");
		assertThat(owner.session().follow(checkout).body()).contains("Billing is off");
		assertThat(this.support.count("SELECT COUNT(*) FROM billing_account WHERE workspace_id = ?", owner.workspaceId())).isZero();
	}

	@Test
	void webhooksFailClosedWithoutASecret() throws Exception {
		var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(this.support.baseUrl() + "/api/v1/billing/stripe/webhook"))
			.header("Content-Type", "application/json").header("Stripe-Signature", "t=1,v1=00")
			.POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(response.body()).contains("webhook_not_configured");
	}

}
