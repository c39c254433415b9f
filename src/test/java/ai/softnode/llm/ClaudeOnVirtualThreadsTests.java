package ai.softnode.llm;

import static ai.softnode.llm.LlmFixtures.request;
import static ai.softnode.llm.LlmFixtures.returns;
import static ai.softnode.llm.LlmFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.softnode.llm.AnswerResult.Status;
import ai.softnode.llm.LlmFixtures.FakeClaude;
import ai.softnode.llm.LlmFixtures.RecordingSink;
import ai.softnode.support.FakeAnthropic.Failure;

/**
 * Answers on virtual threads, as the platform runs them: no socket read timeouts, the
 * {@link SilenceWatchdog} ends silent calls instead, and the interrupt it uses never outlives the call.
 */
class ClaudeOnVirtualThreadsTests {

	@RegisterExtension
	static final FakeClaude claude = new FakeClaude();

	private final RecordingSink sink = new RecordingSink();

	private ExecutorService virtual;

	@BeforeEach
	void virtualThreads() {
		try {
			this.virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			assumeTrue(false, "this JVM has no virtual threads");
		}
	}

	@AfterEach
	void close() {
		this.virtual.shutdownNow();
	}

	@Test
	void streamsOnAVirtualThreadAsOnAnyOther() throws Exception {
		var reply = "You can return items within 30 days [P1].";
		claude.fake().replyWith(reply).tokensPerSecond(40);

		var result = onVirtualThread(() -> {
			assertThat(SilenceWatchdog.onVirtualThread()).isTrue();
			return claude.answerer(settings()).answer("claude-test-model", request("Returns?", List.of(returns())), this.sink);
		});

		assertThat(result.status()).isEqualTo(Status.COMPLETE);
		assertThat(this.sink.deltas).hasSize(reply.split(" ").length);
		assertThat(result.text()).isEqualTo(reply);
	}

	@Test
	void silentProviderBeforeTheHeadersEndsWithFirstTokenTimeoutAndNoInterruptLeftBehind() throws Exception {
		claude.fake().delayFirstByte(Duration.ofSeconds(3));
		var interruptedAfter = new AtomicReference<Boolean>();

		var result = onVirtualThread(() -> {
			var answer = claude.answerer(quick()).answer("claude-test-model", request("Hello?", List.of()), this.sink);
			interruptedAfter.set(Thread.currentThread().isInterrupted());
			// the thread goes on working: a sleep would throw if an interrupt were still pending
			Thread.sleep(5);
			return answer;
		});

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.errorCode()).isEqualTo("first_token_timeout");
		assertThat(result.totalMillis()).isBetween(250L, 1500L);
		assertThat(interruptedAfter.get()).isFalse();
		assertThat(claude.fake().requests()).as("a timeout is not retried").hasSize(1);
	}

	@Test
	void silenceInTheBodyBeforeAnyTextEndsWithFirstTokenTimeout() throws Exception {
		// headers and the opening events come at once, then a word every 1.5 s
		claude.fake().replyWith("slow words here").tokensPerSecond(0.66);

		var result = onVirtualThread(() -> claude.answerer(quick()).answer("claude-test-model", request("Hello?", List.of()), this.sink));

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.errorCode()).isEqualTo("first_token_timeout");
		assertThat(result.totalMillis()).isLessThan(1400);
		assertThat(this.sink.deltas).isEmpty();
	}

	@Test
	void streamThatDiesMidwayStillGivesPartial() throws Exception {
		claude.fake().replyWith("one two three four five six seven eight").failWith(Failure.DIE_MID_STREAM);

		var result = onVirtualThread(() -> claude.answerer(settings()).answer("claude-test-model", request("Count?", List.of()), this.sink));

		assertThat(result.status()).isEqualTo(Status.PARTIAL);
		assertThat(result.errorCode()).isEqualTo("stream_interrupted");
		assertThat(result.text()).isEqualTo("one two three four ");
	}

	@Test
	void anInterruptFromElsewhereStillCancels() throws Exception {
		claude.fake().replyWith("one two three four five six seven eight nine ten").tokensPerSecond(10);
		var thread = new AtomicReference<Thread>();
		var future = this.virtual.submit(() -> {
			thread.set(Thread.currentThread());
			return claude.answerer(settings()).answer("claude-test-model", request("Count?", List.of()), this.sink);
		});
		Thread.sleep(350);
		thread.get().interrupt();

		var result = future.get(5, TimeUnit.SECONDS);
		assertThat(result.status()).isEqualTo(Status.PARTIAL);
		assertThat(result.errorCode()).isEqualTo("cancelled");
	}

	/** First-token (and silence) limit 300 ms. */
	private static LlmProperties quick() {
		return settings(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(100),
				new LlmProperties.Breaker(50, 4, 4, Duration.ofSeconds(60), 1));
	}

	private <T> T onVirtualThread(Callable<T> work) throws Exception {
		return this.virtual.submit(work).get(20, TimeUnit.SECONDS);
	}

}
