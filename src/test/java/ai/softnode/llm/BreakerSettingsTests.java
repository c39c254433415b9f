package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The circuit breaker around the provider judges failures, not how long a streamed answer takes. */
class BreakerSettingsTests {

	/** The documented defaults: 50 % of the last 20 calls, from 5 calls on; 30 s open; 2 trial calls. */
	private static final LlmProperties.Breaker DEFAULTS = new LlmProperties.Breaker(50, 20, 5, Duration.ofSeconds(30), 2);

	@Test
	void answersThatStreamForMinutesAndSucceedKeepItClosed() {
		var breaker = CircuitBreaker.of("claude", DEFAULTS.config());
		for (int i = 0; i < 40; i++) {
			assertThat(breaker.tryAcquirePermission()).isTrue();
			breaker.onSuccess(2, TimeUnit.MINUTES);
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void failuresStillOpenIt() {
		var breaker = CircuitBreaker.of("claude", DEFAULTS.config());
		for (int i = 0; i < 5; i++) {
			assertThat(breaker.tryAcquirePermission()).isTrue();
			breaker.onError(2, TimeUnit.SECONDS, new IllegalStateException("529 overloaded"));
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

}
