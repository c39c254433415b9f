package ai.softnode.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server-sent-events response written directly from the request's (virtual) thread: every event
 * is flushed at once. A client that went away does not fail the writer; it only stops writing, so
 * the caller can finish and store its work.
 */
public final class SseStream {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final OutputStream out;

	private boolean broken;

	private SseStream(OutputStream out) {
		this.out = out;
	}

	/** Commits the response as {@code text/event-stream}. */
	public static SseStream open(HttpServletResponse response) throws IOException {
		response.setStatus(200);
		response.setContentType("text/event-stream");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-cache, no-transform");
		response.setHeader("X-Accel-Buffering", "no");
		var out = response.getOutputStream();
		out.flush();
		return new SseStream(out);
	}

	/** Writes one event whose data is {@code data} as JSON. */
	public synchronized void event(String name, Object data) {
		write(() -> "event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n");
	}

	/**
	 * Writes one event whose data is the JSON object {@code {"field": value}}: as {@link #event} with a
	 * one-entry map, for the events an answer sends dozens of (its text as it streams), without a
	 * JSON generator and map serialiser per event. The value is escaped by Jackson's string encoder.
	 */
	public synchronized void text(String name, String field, String value) {
		write(() -> {
			var encoder = JsonStringEncoder.getInstance();
			var sb = new StringBuilder(value.length() + name.length() + field.length() + 32).append("event: ").append(name)
				.append("\ndata: {\"");
			encoder.quoteAsString(field, sb);
			sb.append("\":\"");
			encoder.quoteAsString(value, sb);
			return sb.append("\"}\n\n").toString();
		});
	}

	/** Writes and flushes one event, unless the client has gone: then nothing is written any more. */
	private void write(Supplier<String> event) {
		if (this.broken) {
			return;
		}
		try {
			this.out.write(event.get().getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}
		catch (IOException | RuntimeException ex) {
			this.broken = true;
		}
	}

	/** Whether the client has gone away. */
	public boolean broken() {
		return this.broken;
	}

}
