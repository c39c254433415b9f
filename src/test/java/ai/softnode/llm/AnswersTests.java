package ai.softnode.llm;

import static ai.softnode.llm.LlmFixtures.FALLBACK;
import static ai.softnode.llm.LlmFixtures.SYSTEM;
import static ai.softnode.llm.LlmFixtures.request;
import static ai.softnode.llm.LlmFixtures.settings;
import static ai.softnode.llm.LlmFixtures.shippingQa;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.softnode.llm.AnswerResult.Status;
import ai.softnode.llm.Answers.BreakerState;
import ai.softnode.llm.LlmFixtures.FakeClaude;
import ai.softnode.llm.LlmFixtures.RecordingSink;
import ai.softnode.support.FakeAnthropic.Failure;

/** The facade picks the provider and the model a bot gets. */
class AnswersTests {

	@RegisterExtension
	static final FakeClaude claude = new FakeClaude();

	@Test
	void withoutAnApiKeyEveryBotIsAnsweredOffline() {
		var answers = new Answers(new AnthropicProperties(null, null), settings());

		var result = answers.answer(model("claude-sonnet-4-5", "Do you ship internationally?"), new RecordingSink());

		assertThat(answers.claudeConfigured()).isFalse();
		assertThat(answers.resolveModel("default")).isEqualTo("offline");
		assertThat(answers.resolveModel("claude-haiku-4-5")).isEqualTo("offline");
		assertThat(answers.breakerState()).isEqualTo(BreakerState.NOT_CONFIGURED);
		assertThat(result.provider()).isEqualTo("offline");
		assertThat(result.citedPassageIds()).containsExactly("qa-shipping");
	}

	@Test
	void blankApiKeyCountsAsNone() {
		assertThat(new Answers(new AnthropicProperties("  ", null), settings()).claudeConfigured()).isFalse();
	}

	@Test
	void defaultModelIsTheInstallationsModel() {
		var answers = answers();

		assertThat(answers.claudeConfigured()).isTrue();
		assertThat(answers.resolveModel("default")).isEqualTo("claude-test-model");
		assertThat(answers.resolveModel("")).isEqualTo("claude-test-model");
		assertThat(answers.resolveModel("claude-haiku-4-5")).isEqualTo("claude-haiku-4-5");
		assertThat(answers.resolveModel("OFFLINE")).isEqualTo("offline");
	}

	@Test
	void botsOnTheDefaultModelAreAnsweredByClaudeWithTheInstallationsModel() {
		claude.fake().replyWith("We ship worldwide [P1].");

		var result = answers().answer(model("default", "Do you ship abroad?"), new RecordingSink());

		assertThat(result.provider()).isEqualTo("anthropic");
		assertThat(result.status()).isEqualTo(Status.COMPLETE);
		assertThat(claude.fake().lastRequest().path("model").asString()).isEqualTo("claude-test-model");
	}

	@Test
	void botsOnTheOfflineModelNeverCallClaude() {
		var result = answers().answer(model("offline", "Do you ship internationally?"), new RecordingSink());

		assertThat(result.provider()).isEqualTo("offline");
		assertThat(claude.fake().requests()).isEmpty();
	}

	@Test
	void offlineAsTheInstallationsModelMakesDefaultBotsOffline() {
		var settings = new LlmProperties("offline", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
				Duration.ofMillis(100), settings().breaker(), 10_000);
		var answers = new Answers(settings, claude.answerer(settings));

		assertThat(answers.resolveModel("default")).isEqualTo("offline");
		assertThat(answers.resolveModel("claude-haiku-4-5")).isEqualTo("claude-haiku-4-5");
	}

	@Test
	void breakerStateIsVisibleAndOpenBreakerAnswersWithTheFallback() {
		var answers = answers();
		assertThat(answers.breakerState()).isEqualTo(BreakerState.CLOSED);
		claude.fake().failWith(Failure.HTTP_500);
		for (int i = 0; i < 4; i++) {
			answers.answer(model("default", "Hello?"), new RecordingSink());
		}

		var sink = new RecordingSink();
		var result = answers.answer(model("default", "Hello?"), sink);

		assertThat(answers.breakerState()).isEqualTo(BreakerState.OPEN);
		assertThat(result.status()).isEqualTo(Status.FALLBACK);
		assertThat(sink.deltas).containsExactly(FALLBACK);
		assertThat(answers.answer(model("offline", "Do you ship internationally?"), new RecordingSink()).status())
			.as("offline bots are not affected").isEqualTo(Status.COMPLETE);
	}

	/** Claude through the shared SDK client, with a fresh breaker. */
	private static Answers answers() {
		return new Answers(settings(), claude.answerer(settings()));
	}

	private static AnswerRequest model(String model, String question) {
		var base = request(question, List.of(shippingQa()));
		return new AnswerRequest(model, base.temperature(), base.maxTokens(), SYSTEM, base.passages(), base.history(),
				base.question(), base.fallbackMessage());
	}

}
