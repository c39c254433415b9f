package ai.softnode.policies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DataFlowsTests {

	@Test
	void withNothingConfiguredNothingLeavesTheServer() {
		var flows = DataFlows.of(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/db/softnode"));
		assertThat(flows).noneMatch(DataFlows.Flow::leaves);
		assertThat(flows).extracting(DataFlows.Flow::recipient)
			.contains("No model provider; offline answerer", "No payment provider; billing is off",
					"No mail relay; mails are written to files on this server", "Embedded database on this server");
	}

	@Test
	void namesTheProvidersThisInstallationIsConfiguredWith() {
		var env = new MockEnvironment().withProperty("anthropic.api-key", "sk-ant-secret")
			.withProperty("anthropic.base-url", "https://user:pw@gateway.example.com:8443/v1?token=abc")
			.withProperty("stripe.secret-key", "sk_live_x")
			.withProperty("spring.mail.host", "smtp.example.org")
			.withProperty("spring.mail.port", "587")
			.withProperty("softnode.geoip.database", "/var/lib/geo/GeoLite2-City.mmdb")
			.withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/softnode?password=hunter2");
		var flows = DataFlows.of(env);
		assertThat(flows).extracting(DataFlows.Flow::recipient)
			.contains("Anthropic at https://gateway.example.com:8443", "Stripe at https://api.stripe.com",
					"SMTP relay smtp.example.org:587", "Looked up on this server in the location database GeoLite2-City.mmdb",
					"PostgreSQL at db.internal");
		assertThat(flows.toString()).doesNotContain("sk-ant-secret").doesNotContain("pw@").doesNotContain("token=abc")
			.doesNotContain("hunter2");
		assertThat(flows.stream().filter(DataFlows.Flow::leaves)).hasSize(4);
	}

	@Test
	void anAnthropicKeyWithoutAddressMeansAnthropicsOwnApi() {
		var flows = DataFlows.of(new MockEnvironment().withProperty("anthropic.api-key", "k"));
		assertThat(flows.get(0).recipient()).isEqualTo("Anthropic at https://api.anthropic.com");
		assertThat(DataFlows.of(new MockEnvironment().withProperty("anthropic.api-key", " ")).get(0).leaves()).isFalse();
	}

}
