package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.anthropic.core.ObjectMappers;

/** The event-stream reader and the text-delta fast path, on the wire format's corner cases. */
class ServerSentEventsTests {

	@Test
	void readsNamedEventsWithAnyLineEndingAndJoinsDataLines() throws IOException {
		var events = read("event: one\ndata: a\n\nevent:two\r\ndata:b\r\ndata:  c\r\n\r\nevent: three\rdata: d\r\r"
				+ ": a comment\nid: 7\nretry: 100\ndata: e\n\n");

		assertThat(events).containsExactly("one|a", "two|b\n c", "three|d", "message|e");
	}

	@Test
	void dropsAnEventCutOffByTheEndOfTheStreamAndBlankLinesWithoutData() throws IOException {
		assertThat(read("event: ping\n\n\n\ndata: kept\n\nevent: cut\ndata: lost")).containsExactly("message|kept");
		assertThat(read("")).isEmpty();
	}

	@Test
	void namesTheProvidersEventsAndAnyOtherExactly() throws IOException {
		assertThat(read("event: content_block_delta\ndata: 1\n\nevent: content_block_delta2\ndata: 2\n\nevent: pin\ndata: 3\n\n"
				+ "event: message_stop\ndata: 4\n\nevent: \u00e9rror\ndata: 5\n\nevent:\ndata: 6\n\n"))
			.containsExactly("content_block_delta|1", "content_block_delta2|2", "pin|3", "message_stop|4", "\u00e9rror|5", "message|6");
	}

	@Test
	void readsEventsSplitAcrossReadsOneByteAtATime() throws IOException {
		var text = "event: content_block_delta\r\ndata: {\"text\":\"h\u00e9llo \uD83D\uDE00\"}\r\n\r\nevent: x\r\ndata: y\r\n\r\n";
		var events = new ArrayList<String>();
		try (var sse = new ServerSentEvents(trickle(text.getBytes(StandardCharsets.UTF_8)))) {
			for (var event = sse.next(); event != null; event = sse.next()) {
				events.add(event.name() + "|" + event.dataAsString());
			}
		}
		assertThat(events).containsExactly("content_block_delta|{\"text\":\"h\u00e9llo \uD83D\uDE00\"}", "x|y");
	}

	@Test
	void readsEventsArrivingOneReadAtATime() throws IOException {
		var chunks = new java.util.ArrayDeque<>(List.of("event: a\ndata: 1\n\n", "event: b\ndata: 2\n\n", "event: c\ndata: 3\n", "\n",
				"event: d\r", "\ndata: 4\r\n\r\n"));
		var in = new InputStream() {
			@Override
			public int read() {
				throw new UnsupportedOperationException();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (chunks.isEmpty()) {
					return -1;
				}
				var chunk = chunks.poll().getBytes(StandardCharsets.UTF_8);
				System.arraycopy(chunk, 0, b, off, chunk.length);
				return chunk.length;
			}
		};
		var events = new ArrayList<String>();
		try (var sse = new ServerSentEvents(in)) {
			for (var event = sse.next(); event != null; event = sse.next()) {
				events.add(event.name() + "|" + event.dataAsString());
			}
		}
		assertThat(events).containsExactly("a|1", "b|2", "c|3", "d|4");
	}

	@Test
	void growsForLongEventsAndRefusesOversizedOnes() throws IOException {
		var big = "x".repeat(100_000);
		assertThat(read("data: " + big + "\n\n")).containsExactly("message|" + big);

		var huge = "data: " + "y".repeat(ServerSentEvents.MAX_EVENT_BYTES + 10) + "\n\n";
		assertThatThrownBy(() -> read(huge)).isInstanceOf(IOException.class).hasMessageContaining("longer than");
	}

	@Test
	void readyTellsWhetherTheNextEventHasArrived() throws IOException {
		try (var sse = new ServerSentEvents(new ByteArrayInputStream("data: 1\n\ndata: 2\n\n".getBytes(StandardCharsets.UTF_8)))) {
			assertThat(sse.next().dataAsString()).isEqualTo("1");
			assertThat(sse.ready()).isTrue();
			assertThat(sse.next().dataAsString()).isEqualTo("2");
			assertThat(sse.ready()).isFalse();
			assertThat(sse.next()).isNull();
		}
	}

	@Test
	void picksTextOutOfContentBlockDeltasWhateverTheFieldOrderAndEscapes() throws IOException {
		assertThat(delta("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \\\"you\\\"\\n\\u00e9\"}}"))
			.isEqualTo("Hi \"you\"\n\u00e9");
		assertThat(delta("{\"index\":0,\"delta\":{\"text\":\"<script>\",\"type\":\"text_delta\",\"extra\":[1,{\"a\":2}]},"
				+ "\"type\":\"content_block_delta\"}")).isEqualTo("<script>");
		assertThat(delta("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}"))
			.isEmpty();
	}

	@Test
	void leavesEveryOtherEventToTheSdk() throws IOException {
		assertThat(delta("{\"type\":\"message_start\",\"message\":{\"id\":\"m\"}}")).isSameAs(TextDeltas.NOT_A_DELTA);
		assertThat(delta("{\"delta\":{\"stop_reason\":\"end_turn\"},\"type\":\"message_delta\"}")).isSameAs(TextDeltas.NOT_A_DELTA);
		assertThat(delta("[1,2]")).isSameAs(TextDeltas.NOT_A_DELTA);
		assertThat(delta("{\"delta\":{\"type\":\"text_delta\",\"text\":\"no type\"}}")).isSameAs(TextDeltas.NOT_A_DELTA);
	}

	private static String delta(String json) throws IOException {
		var bytes = json.getBytes(StandardCharsets.UTF_8);
		return TextDeltas.read(ObjectMappers.jsonMapper().getFactory(), bytes, bytes.length);
	}

	private static List<String> read(String stream) throws IOException {
		var events = new ArrayList<String>();
		try (var sse = new ServerSentEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)))) {
			for (var event = sse.next(); event != null; event = sse.next()) {
				events.add(event.name() + "|" + event.dataAsString());
			}
		}
		return events;
	}

	/** A stream that hands out one byte per read, as a slow network might. */
	private static InputStream trickle(byte[] bytes) {
		return new ByteArrayInputStream(bytes) {
			@Override
			public synchronized int read(byte[] b, int off, int len) {
				return super.read(b, off, Math.min(1, len));
			}

			@Override
			public synchronized int available() {
				return 0;
			}
		};
	}

}
