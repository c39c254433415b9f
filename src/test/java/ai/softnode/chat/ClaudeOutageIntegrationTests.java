package ai.softnode.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.softnode.support.FakeAnthropic;
import ai.softnode.support.FakeAnthropic.Failure;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** A provider outage opens the circuit breaker: visitors get the bot's fallback at once. */
@IntegrationTest
class ClaudeOutageIntegrationTests {

	static final FakeAnthropic model = FakeAnthropic.start();

	@DynamicPropertySource
	static void anthropic(DynamicPropertyRegistry registry) {
		registry.add("anthropic.api-key", () -> "test-key");
		registry.add("anthropic.base-url", model::baseUrl);
		registry.add("softnode.llm.breaker.minimum-calls", () -> 3);
		registry.add("softnode.llm.breaker.sliding-window", () -> 3);
		registry.add("softnode.llm.breaker.wait-in-open-state", () -> "60s");
	}

	@AfterAll
	static void stop() {
		model.close();
	}

	@Autowired
	TestSupport support;

	@Test
	void errorsFromTheProviderOpenTheBreakerAndVisitorsGetTheFallbackWithoutWaiting() {
		var owner = this.support.signUp("Outage Owner");
		var bot = this.support.createBot(owner, "{\"name\":\"Outage bot\",\"fallbackMessage\":\"We are having trouble; email us at help@shop.example.\"}");
		var visitor = this.support.visitor(bot.path("publicId").asString());
		visitor.start(null, null);
		model.failWith(Failure.HTTP_500);
		assertThat(visitor.ask("one").last().name()).isEqualTo("error");
		model.failWith(Failure.OVERLOADED_529);
		visitor.ask("two");
		visitor.ask("three");
		var before = model.requests().size();
		model.delayFirstByte(Duration.ofSeconds(5));
		var started = System.nanoTime();
		var turn = visitor.ask("four");
		var millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(turn.text()).isEqualTo("We are having trouble; email us at help@shop.example.");
		assertThat(turn.last().name()).isEqualTo("done");
		assertThat(millis).as("no wait on the provider").isLessThan(2000);
		assertThat(model.requests()).as("no call while the breaker is open").hasSize(before);
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_message WHERE status = 'fallback' AND conversation_id = ?",
				java.util.UUID.fromString(visitor.conversationId()))).isEqualTo(1);
	}

}
