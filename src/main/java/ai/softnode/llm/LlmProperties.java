package ai.softnode.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * How answers are produced.
 *
 * @param model the Claude model of bots set to {@code default} ({@code SOFTNODE_LLM_MODEL});
 * {@code offline} makes the offline answerer the default
 * @param connectTimeout how long to wait for a connection to the provider
 * @param firstTokenTimeout how long to wait for the first text of an answer (also the longest
 * silence tolerated within a stream)
 * @param totalTimeout the longest an answer may take, retry included
 * @param retryPause the pause before the one retry after a connection failure
 * @param breaker when to stop calling a failing provider
 * @param relaysPerSecondPerCore how many times a second this node passes streamed text on to
 * visitors, per processor, before answers streaming at once share that budget by passing on several
 * tokens at a time (see {@link StreamPacing})
 */
@Validated
@ConfigurationProperties("softnode.llm")
record LlmProperties(@DefaultValue("claude-sonnet-4-5") @NotBlank String model,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration firstTokenTimeout,
		@DefaultValue("120s") @NotNull Duration totalTimeout, @DefaultValue("250ms") @NotNull Duration retryPause,
		@DefaultValue @Valid @NotNull Breaker breaker, @DefaultValue("10000") @Min(1) int relaysPerSecondPerCore) {

	LlmProperties {
		requirePositive("connect-timeout", connectTimeout);
		requirePositive("first-token-timeout", firstTokenTimeout);
		requirePositive("total-timeout", totalTimeout);
		if (retryPause != null && retryPause.isNegative()) {
			throw new IllegalArgumentException("softnode.llm.retry-pause must not be negative");
		}
	}

	/** The relay budget of this node: {@link #relaysPerSecondPerCore} times its processors. */
	long relaysPerSecond() {
		return (long) this.relaysPerSecondPerCore * Runtime.getRuntime().availableProcessors();
	}

	private static void requirePositive(String name, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new IllegalArgumentException("softnode.llm." + name + " must be positive");
		}
	}

	/**
	 * The circuit breaker around the provider: over the last {@code slidingWindow} calls (once at
	 * least {@code minimumCalls} were made), when {@code failureRateThreshold} percent or more failed,
	 * calls stop for {@code waitInOpenState}; then {@code halfOpenCalls} trial calls decide whether
	 * to resume.
	 */
	record Breaker(@DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
			@DefaultValue("20") @Min(1) int slidingWindow, @DefaultValue("5") @Min(1) int minimumCalls,
			@DefaultValue("30s") @NotNull Duration waitInOpenState, @DefaultValue("2") @Min(1) int halfOpenCalls) {

		Breaker {
			requirePositive("breaker.wait-in-open-state", waitInOpenState);
		}

		CircuitBreakerConfig config() {
			return CircuitBreakerConfig.custom()
				.failureRateThreshold(this.failureRateThreshold)
				.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
				.slidingWindowSize(this.slidingWindow)
				.minimumNumberOfCalls(this.minimumCalls)
				.waitDurationInOpenState(this.waitInOpenState)
				.permittedNumberOfCallsInHalfOpenState(this.halfOpenCalls)
				// Only failures count. Resilience4j would also open on calls slower than 60 s, and a long
				// answer streamed steadily is not a failing provider (5,000 answers of a minute each
				// opened the breaker in the benchmark); a provider that stalls fails the first-token or
				// total timeout, which counts.
				.slowCallDurationThreshold(Duration.ofDays(1))
				.build();
		}

	}

}
