package ai.softnode.llm;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} body event by event, as the HTML specification's event-stream
 * interpretation describes: lines end with LF, CR or CRLF; {@code event} and {@code data} fields are
 * kept (several data lines are joined with LF), comments and other fields are skipped, and an event is
 * dispatched at a blank line (one cut off by the end of the stream is dropped).
 * <p>
 * Made for answers streamed to many visitors at once: one small buffer per stream, no
 * {@code String} per line, and the data of an event is handed out as bytes, valid until the next call.
 * {@link #ready()} says whether the next event can be read without waiting for the network, so a
 * caller that falls behind can pass on several events' text at once. Not thread-safe.
 */
final class ServerSentEvents implements Closeable {

	/** The largest event accepted; the provider's events are far smaller. */
	static final int MAX_EVENT_BYTES = 1 << 20;

	private final InputStream in;

	private byte[] buffer = new byte[4096];

	/** Unread bytes are {@code buffer[start, end)}. */
	private int start;

	private int end;

	/** A CR ended the last line read: an LF right after it belongs to that line ending. */
	private boolean afterCarriageReturn;

	private boolean eof;

	private final Event event = new Event();

	ServerSentEvents(InputStream in) {
		this.in = in;
	}

	/** The next event, or {@code null} at the end of the stream. The returned event is reused. */
	@Nullable Event next() throws IOException {
		this.event.reset();
		var eventBytes = 0;
		while (true) {
			var line = readLine();
			if (line < 0) {
				return null;
			}
			// the line ends with one byte (an LF after a CR is skipped by the next read)
			var lineStart = this.start - line - 1;
			eventBytes += line;
			if (eventBytes > MAX_EVENT_BYTES) {
				throw new IOException("a server-sent event longer than " + MAX_EVENT_BYTES + " bytes");
			}
			if (line == 0) {
				if (this.event.hasData) {
					return this.event;
				}
				// a blank line with no data dispatches nothing
				this.event.reset();
				continue;
			}
			field(lineStart, line);
		}
	}

	/** Whether the next event (or part of it) is already here, so reading it will not wait for the network. */
	boolean ready() throws IOException {
		return this.end > this.start || this.in.available() > 0;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * Finds the next line; returns its length and leaves {@code start} after its line ending, or -1 at
	 * the end of the stream (a last line without its ending is dropped with its event).
	 */
	private int readLine() throws IOException {
		// bytes after start already scanned without finding a line ending (fill() may move start)
		var scanned = 0;
		while (true) {
			if (this.afterCarriageReturn && this.start < this.end) {
				this.afterCarriageReturn = false;
				if (this.buffer[this.start] == '\n') {
					this.start++;
				}
			}
			for (int i = this.start + scanned; i < this.end; i++) {
				var b = this.buffer[i];
				if (b == '\n' || b == '\r') {
					var length = i - this.start;
					this.start = i + 1;
					this.afterCarriageReturn = b == '\r';
					return length;
				}
			}
			scanned = this.end - this.start;
			if (this.eof || !fill()) {
				return -1;
			}
		}
	}

	/** Reads more bytes, compacting or growing the buffer; false at the end of the stream. */
	private boolean fill() throws IOException {
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.start = 0;
		}
		if (this.end == this.buffer.length) {
			if (this.buffer.length >= MAX_EVENT_BYTES) {
				throw new IOException("a server-sent event line longer than " + MAX_EVENT_BYTES + " bytes");
			}
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
		var n = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
		if (n < 0) {
			this.eof = true;
			return false;
		}
		this.end += n;
		return true;
	}

	private void field(int from, int length) {
		var buf = this.buffer;
		if (buf[from] == ':') {
			return;
		}
		var colon = -1;
		for (int i = from; i < from + length; i++) {
			if (buf[i] == ':') {
				colon = i;
				break;
			}
		}
		var nameEnd = colon < 0 ? from + length : colon;
		var valueStart = colon < 0 ? from + length : colon + 1;
		if (valueStart < from + length && buf[valueStart] == ' ') {
			valueStart++;
		}
		var valueLength = from + length - valueStart;
		if (is(buf, from, nameEnd, DATA)) {
			this.event.appendData(buf, valueStart, valueLength);
		}
		else if (is(buf, from, nameEnd, EVENT)) {
			this.event.name = name(buf, valueStart, valueLength);
		}
	}

	/**
	 * The Messages API's event names, matched as bytes: nearly every event of an answer names one, and
	 * decoding the name into a new string for each took 2.8 % of the CPU of a node relaying 5,000 answers.
	 */
	private static final String[] KNOWN_NAMES = { "content_block_delta", "ping", "message_start", "content_block_start",
			"content_block_stop", "message_delta", "message_stop", "error" };

	private static final byte[][] KNOWN_NAME_BYTES = Arrays.stream(KNOWN_NAMES)
		.map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

	private static String name(byte[] buf, int from, int length) {
		if (length == 0) {
			// an empty event type dispatches as a message, as the specification says
			return MESSAGE;
		}
		for (int i = 0; i < KNOWN_NAME_BYTES.length; i++) {
			if (is(buf, from, from + length, KNOWN_NAME_BYTES[i])) {
				return KNOWN_NAMES[i];
			}
		}
		return new String(buf, from, length, StandardCharsets.UTF_8);
	}

	/** The name of an event that names none. */
	private static final String MESSAGE = "message";

	private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

	private static boolean is(byte[] buf, int from, int to, byte[] name) {
		return to - from == name.length && Arrays.equals(buf, from, to, name, 0, name.length);
	}

	/** One event: its name ({@code "message"} when the stream gave none) and its data as UTF-8 bytes. */
	static final class Event {

		private String name = MESSAGE;

		private byte[] data = new byte[512];

		private int length;

		private boolean hasData;

		String name() {
			return this.name;
		}

		byte[] data() {
			return this.data;
		}

		int length() {
			return this.length;
		}

		String dataAsString() {
			return new String(this.data, 0, this.length, StandardCharsets.UTF_8);
		}

		private void reset() {
			this.name = MESSAGE;
			this.length = 0;
			this.hasData = false;
		}

		private void appendData(byte[] source, int from, int count) {
			var needed = this.length + (this.hasData ? 1 : 0) + count;
			if (needed > this.data.length) {
				this.data = Arrays.copyOf(this.data, Math.max(needed, this.data.length * 2));
			}
			if (this.hasData) {
				this.data[this.length++] = '\n';
			}
			System.arraycopy(source, from, this.data, this.length, count);
			this.length += count;
			this.hasData = true;
		}

	}

}
