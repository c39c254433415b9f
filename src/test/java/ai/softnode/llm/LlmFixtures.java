package ai.softnode.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.anthropic.client.AnthropicClient;

import ai.softnode.support.FakeAnthropic;

/** Requests, settings and a recording sink shared by this module's tests. */
final class LlmFixtures {

	static final String FALLBACK = "Sorry, I can't answer that. Leave your email and we'll get back to you.";

	static final String SYSTEM = "You are the assistant of Example Shop. Be brief and friendly.";

	private LlmFixtures() {
	}

	/**
	 * Timeouts roomy enough for a cold JVM's first call; a short retry pause and a small breaker window
	 * so failure tests run fast.
	 */
	static LlmProperties settings() {
		return settings(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(100),
				new LlmProperties.Breaker(50, 4, 4, Duration.ofSeconds(60), 1));
	}

	/** {@link #settings()} with a relay budget of {@code relaysPerSecondPerCore}. */
	static LlmProperties settings(int relaysPerSecondPerCore) {
		var defaults = settings();
		return new LlmProperties(defaults.model(), defaults.connectTimeout(), defaults.firstTokenTimeout(), defaults.totalTimeout(),
				defaults.retryPause(), defaults.breaker(), relaysPerSecondPerCore);
	}

	static LlmProperties settings(Duration firstToken, Duration total, Duration retryPause, LlmProperties.Breaker breaker) {
		return new LlmProperties("claude-test-model", Duration.ofSeconds(1), firstToken, total, retryPause, breaker, 10_000);
	}

	static AnswerRequest request(String question, List<ContextPassage> passages) {
		return request(question, passages, List.of());
	}

	static AnswerRequest request(String question, List<ContextPassage> passages, List<Turn> history) {
		return new AnswerRequest("default", 0.3, 400, SYSTEM, passages, history, question, FALLBACK);
	}

	static ContextPassage returns() {
		return ContextPassage.text("chunk-returns", "Returns policy", "https://shop.example/returns",
				"You can return any item within 30 days of delivery. Returns are free for customers in the EU. "
						+ "Refunds reach your account within 5 business days after we receive the item. "
						+ "Gift cards cannot be returned.",
				0.82);
	}

	static ContextPassage shippingQa() {
		return ContextPassage.qa("qa-shipping", "Do you ship internationally?",
				"Yes, we ship to over 40 countries. International delivery takes 5 to 10 business days.", 0.77);
	}

	static ContextPassage opening() {
		return ContextPassage.text("chunk-hours", "Opening hours", null,
				"Our store in Leeds is open Monday to Saturday from 9am to 6pm. On Sundays we are closed.", 0.41);
	}

	/**
	 * A fake Anthropic API and one SDK client pointed at it, shared by a test class (the client is
	 * costly); the fake is reset before each test. Register as a static extension.
	 */
	static final class FakeClaude implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

		private FakeAnthropic fake;

		private AnthropicClient client;

		@Override
		public void beforeAll(ExtensionContext context) {
			ClaudeAnswerer.warmUp();
			this.fake = FakeAnthropic.start();
			this.client = ClaudeAnswerer.client(new AnthropicProperties("sk-test-key", this.fake.baseUrl()), settings());
		}

		@Override
		public void beforeEach(ExtensionContext context) {
			this.fake.reset();
		}

		@Override
		public void afterAll(ExtensionContext context) {
			this.client.close();
			this.fake.close();
		}

		FakeAnthropic fake() {
			return this.fake;
		}

		AnthropicClient client() {
			return this.client;
		}

		/** Claude through the shared client, with a fresh circuit breaker. */
		ClaudeAnswerer answerer(LlmProperties settings) {
			return new ClaudeAnswerer(this.client, settings);
		}

	}

	/** A sink that keeps every delta and when it arrived. */
	static final class RecordingSink implements AnswerSink {

		final List<String> deltas = new ArrayList<>();

		final List<Long> arrivals = new ArrayList<>();

		@Override
		public void delta(String text) {
			this.deltas.add(text);
			this.arrivals.add(System.nanoTime());
		}

		String text() {
			return String.join("", this.deltas);
		}

	}

}
