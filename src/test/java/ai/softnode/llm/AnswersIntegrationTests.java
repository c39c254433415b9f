package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import ai.softnode.llm.LlmFixtures.RecordingSink;
import ai.softnode.support.FakeAnthropic;

/** Settings reach the providers: environment variables bind, no key means offline, bad values stop startup. */
class AnswersIntegrationTests {

	private static FakeAnthropic fake;

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(LlmConfiguration.class);

	@BeforeAll
	static void startFake() {
		fake = FakeAnthropic.start();
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Test
	void withoutAnApiKeyTheOfflineAnswererServesWithTheDocumentedDefaults() {
		this.contexts.run(context -> {
			var answers = context.getBean(Answers.class);
			var settings = context.getBean(LlmProperties.class);

			assertThat(answers.claudeConfigured()).isFalse();
			assertThat(answers.answer(LlmFixtures.request("Hi?", List.of()), new RecordingSink()).provider())
				.isEqualTo("offline");
			assertThat(settings.model()).isEqualTo("claude-sonnet-4-5");
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(settings.totalTimeout()).isEqualTo(Duration.ofSeconds(120));
			assertThat(settings.breaker().failureRateThreshold()).isEqualTo(50);
		});
	}

	@Test
	void environmentVariablesConfigureClaudeAndTheKeyStaysOutOfToString() {
		var environment = Map.<String, Object>of("ANTHROPIC_API_KEY", "sk-ant-secret-value", "ANTHROPIC_BASE_URL",
				fake.baseUrl(), "SOFTNODE_LLM_MODEL", "claude-haiku-4-5");
		this.contexts
			.withInitializer(context -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
			.run(context -> {
				var answers = context.getBean(Answers.class);
				fake.reset().replyWith("Hello from the fake.");

				var result = answers.answer(LlmFixtures.request("Hi?", List.of()), new RecordingSink());

				assertThat(answers.claudeConfigured()).isTrue();
				assertThat(result.provider()).isEqualTo("anthropic");
				assertThat(result.text()).isEqualTo("Hello from the fake.");
				assertThat(fake.lastRequest().path("model").asString()).isEqualTo("claude-haiku-4-5");
				assertThat(context.getBean(AnthropicProperties.class).toString()).doesNotContain("sk-ant-secret-value");
			});
	}

	@Test
	void invalidSettingsStopStartup() {
		this.contexts.withPropertyValues("softnode.llm.total-timeout=0s")
			.run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("total-timeout must be positive"));
		this.contexts.withPropertyValues("softnode.llm.breaker.failure-rate-threshold=150")
			.run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("failureRateThreshold"));
		this.contexts.withPropertyValues("softnode.llm.model= ")
			.run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("model"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ AnthropicProperties.class, LlmProperties.class })
	@Import(Answers.class)
	static class LlmConfiguration {

	}

}
