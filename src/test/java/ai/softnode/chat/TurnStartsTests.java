package ai.softnode.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import ai.softnode.platform.Problem;

/** A burst of new messages waits its turn to start; a turn gives its place back at its first event. */
class TurnStartsTests {

	@Test
	void aNewMessageWaitsUntilAStartingTurnSendsItsFirstEvent() throws Exception {
		var starts = new TurnStarts(1, Duration.ofSeconds(10));
		var first = starts.enter();
		var events = new Recording();
		var listener = first.releasingOnFirstEvent(events);
		var started = new CountDownLatch(1);
		var second = new Thread(() -> {
			try (var permit = starts.enter()) {
				started.countDown();
			}
		});
		second.start();

		assertThat(started.await(300, TimeUnit.MILLISECONDS)).as("waits while the first turn starts").isFalse();
		listener.user(UUID.randomUUID());
		assertThat(started.await(5, TimeUnit.SECONDS)).as("starts once the first turn has sent its first event").isTrue();
		assertThat(events.names).containsExactly("user");
		second.join(5000);
		first.close();
		assertThat(starts.available()).isEqualTo(1);
	}

	@Test
	void aPlaceIsGivenBackOnceWhateverTheTurnSends() {
		var starts = new TurnStarts(2, Duration.ofSeconds(1));
		var events = new Recording();
		try (var permit = starts.enter()) {
			var listener = permit.releasingOnFirstEvent(events);
			assertThat(starts.available()).isEqualTo(1);
			listener.user(UUID.randomUUID());
			listener.delta("Hello");
			listener.done(UUID.randomUUID(), List.of(), true);
			assertThat(starts.available()).isEqualTo(2);
		}
		assertThat(starts.available()).as("closing after the first event gives nothing back twice").isEqualTo(2);
		assertThat(events.names).containsExactly("user", "delta", "done");
	}

	@Test
	void aTurnThatFailsBeforeAnyEventGivesItsPlaceBackWhenTheRequestEnds() {
		var starts = new TurnStarts(1, Duration.ofSeconds(1));
		try (var permit = starts.enter()) {
			assertThat(starts.available()).isZero();
		}
		assertThat(starts.available()).isEqualTo(1);
	}

	@Test
	void aMessageThatWaitsTooLongIsTurnedAwayAsBusyWithRetryAfter() {
		var starts = new TurnStarts(1, Duration.ofMillis(100));
		try (var held = starts.enter()) {
			var busy = catchThrowableOfType(Problem.class, starts::enter);

			assertThat(busy.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(busy.code()).isEqualTo("busy");
			assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(5));
		}
		assertThat(starts.available()).isEqualTo(1);
	}

	private static final class Recording implements TurnListener {

		private final List<String> names = new ArrayList<>();

		@Override
		public void user(UUID messageId) {
			this.names.add("user");
		}

		@Override
		public void delta(String text) {
			this.names.add("delta");
		}

		@Override
		public void done(UUID messageId, List<SourceRef> sources, boolean answered) {
			this.names.add("done");
		}

		@Override
		public void error(String code, String message) {
			this.names.add("error");
		}

	}

}
