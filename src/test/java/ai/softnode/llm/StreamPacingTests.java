package ai.softnode.llm;

import static ai.softnode.llm.LlmFixtures.request;
import static ai.softnode.llm.LlmFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ai.softnode.llm.AnswerResult.Status;
import ai.softnode.llm.LlmFixtures.FakeClaude;
import ai.softnode.llm.LlmFixtures.RecordingSink;

/**
 * With many answers streaming at once, each passes text on less often and several tokens at a time
 * (with few, every token goes out as it arrives: {@link ClaudeOnVirtualThreadsTests}).
 */
class StreamPacingTests {

	@RegisterExtension
	static final FakeClaude claude = new FakeClaude();

	@Test
	void waitsGrowWithTheAnswersStreamingWithinTheirBounds() {
		// 1,000 relays a second: each answer streaming adds a millisecond
		var pacing = new StreamPacing(1_000);
		var streams = new ArrayList<StreamPacing.Streaming>();
		for (int i = 0; i < 4; i++) {
			streams.add(pacing.start());
		}
		assertThat(pacing.pauseNanos()).as("4 ms is below the smallest wait made").isZero();

		streams.add(pacing.start());
		assertThat(pacing.pauseNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
		for (int i = 0; i < 95; i++) {
			streams.add(pacing.start());
		}
		assertThat(pacing.streaming()).isEqualTo(100);
		assertThat(pacing.pauseNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		for (int i = 0; i < 900; i++) {
			streams.add(pacing.start());
		}
		assertThat(pacing.pauseNanos()).as("capped").isEqualTo(StreamPacing.MAX_PAUSE_NANOS);

		streams.forEach(StreamPacing.Streaming::close);
		streams.get(0).close();
		assertThat(pacing.streaming()).as("a handle closed twice counts once").isZero();
		assertThat(pacing.pauseNanos()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> new StreamPacing(0));
	}

	@Test
	void aBusyNodePassesSeveralTokensOnAtOnceAndLosesNone() {
		var reply = words(30);
		claude.fake().replyWith(reply).tokensPerSecond(100);
		// one relay a second per core: even one answer waits the longest (250-500 ms) between relays
		var answerer = claude.answerer(settings(1));
		var sink = new RecordingSink();

		var result = answerer.answer("claude-test-model", request("Count?", List.of()), sink);

		assertThat(result.status()).isEqualTo(Status.COMPLETE);
		assertThat(result.text()).isEqualTo(reply);
		assertThat(sink.text()).isEqualTo(reply);
		assertThat(sink.deltas.get(0)).as("the first text is not held back").isEqualTo("w1 ");
		// 30 tokens over 300 ms, with pauses of 250-500 ms once caught up: the first token, then a few batches
		assertThat(sink.deltas).hasSizeBetween(2, 4);
		assertThat(answerer.streaming()).as("the answer no longer counts as streaming").isZero();
	}

	private static String words(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(i -> "w" + i + " ").collect(Collectors.joining());
	}

}
