package ai.softnode.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.SseStream;
import jakarta.servlet.http.HttpServletResponse;

/** The two ways a turn reaches a client: as server-sent events, or collected into one JSON reply. */
public final class TurnListeners {

	private TurnListeners() {
	}

	/**
	 * Maps a turn to the SSE events {@code user}, {@code delta}, {@code done} and {@code error},
	 * committing {@code response} as an event stream with the first event only: a problem found before
	 * that still gets an ordinary problem+json response.
	 */
	public static TurnListener sse(HttpServletResponse response) {
		var lazy = new java.util.concurrent.atomic.AtomicReference<SseStream>();
		java.util.function.Supplier<SseStream> open = () -> {
			if (lazy.get() == null) {
				try {
					lazy.set(SseStream.open(response));
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
			return lazy.get();
		};
		return sse(open);
	}

	private static TurnListener sse(java.util.function.Supplier<SseStream> streams) {
		return new TurnListener() {
			@Override
			public void user(UUID messageId) {
				streams.get().event("user", Map.of("id", messageId));
			}

			@Override
			public void delta(String text) {
				streams.get().text("delta", "text", text);
			}

			@Override
			public void done(UUID messageId, List<SourceRef> sources, boolean answered) {
				streams.get().event("done", Map.of("id", messageId, "sources", sources, "answered", answered));
			}

			@Override
			public void error(String code, String message) {
				streams.get().event("error", Map.of("code", code, "message", message));
			}
		};
	}

	/** Collects a turn for a single JSON reply. */
	public static Collected collect() {
		return new Collected();
	}

	/** A turn gathered in memory. */
	public static final class Collected implements TurnListener {

		private final StringBuilder text = new StringBuilder();

		private @Nullable UUID questionId;

		private @Nullable UUID answerId;

		private List<SourceRef> sources = new ArrayList<>();

		private boolean answered;

		private @Nullable String errorCode;

		private @Nullable String errorMessage;

		@Override
		public void user(UUID messageId) {
			this.questionId = messageId;
		}

		@Override
		public void delta(String delta) {
			this.text.append(delta);
		}

		@Override
		public void done(UUID messageId, List<SourceRef> sources, boolean answered) {
			this.answerId = messageId;
			this.sources = List.copyOf(sources);
			this.answered = answered;
		}

		@Override
		public void error(String code, String message) {
			this.errorCode = code;
			this.errorMessage = message;
		}

		/** The reply body: {@code {messageId, answer: {id, text, sources, answered}, error?}}. */
		public Reply reply() {
			return new Reply(this.questionId, this.errorCode == null ? new Reply.Answer(this.answerId, this.text.toString(), this.sources, this.answered) : null,
					this.errorCode == null ? null : new Reply.Error(this.errorCode, this.errorMessage));
		}

	}

	/** One turn as JSON. */
	public record Reply(@Nullable UUID messageId, @Nullable Answer answer, @Nullable Error error) {

		public record Answer(@Nullable UUID id, String text, List<SourceRef> sources, boolean answered) {
		}

		public record Error(String code, @Nullable String message) {
		}

	}

}
