package ai.softnode.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Anthropic Messages API for benchmarks, speaking the streaming wire format the
 * SDK parses. Each token carries the {@code System.nanoTime()} of its emission ({@code ⟨n⟩ }), so a
 * client in the same JVM can measure how long a token took to reach it through the platform.
 */
final class BenchModel implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger open = new AtomicInteger();

	private volatile int tokens = 40;

	private volatile long tokenIntervalNanos;

	private volatile boolean stamped = true;

	private volatile long tickNanos;

	private final java.util.concurrent.atomic.LongAdder emitted = new java.util.concurrent.atomic.LongAdder();

	private static final byte[] PLAIN_TOKEN = event("content_block_delta",
			"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}");

	BenchModel() throws IOException {
		// the JDK's server closes idle connections beyond 200 as soon as a response ends, which the
		// platform's pooled client only finds out when it sends the next request on one
		System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
		// Without TCP_NODELAY every small write after the first waits for the platform's delayed ACK
		// (40 ms on Linux): measured as 45 ms of "platform overhead" per turn that the real API,
		// whose servers send each event at once, does not add.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8192);
		this.server.setExecutor(ChatLoadBenchmark.virtualThreads());
		this.server.createContext("/v1/messages", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** {@code tokens} per answer, {@code perSecond} tokens a second (0 = as fast as possible). */
	BenchModel pace(int tokens, double perSecond) {
		this.tokens = tokens;
		this.tokenIntervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
		return this;
	}

	/**
	 * Writes the tokens that fell due every {@code millis} together, each still its own event (0: each
	 * token when it falls due). Thousands of streams written a token at a time cost the load generator,
	 * which shares the platform's machine, a wake-up and a socket write per token.
	 */
	BenchModel tick(long millis) {
		this.tickNanos = millis * 1_000_000L;
		return this;
	}

	/** Whether tokens carry their emission time (off: a fixed word, cheaper to produce and read). */
	BenchModel stamped(boolean stamped) {
		this.stamped = stamped;
		return this;
	}

	/** Text tokens written so far. */
	long emitted() {
		return this.emitted.sum();
	}

	int openStreams() {
		return this.open.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		this.open.incrementAndGet();
		try (OutputStream out = exchange.getResponseBody()) {
			write(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\","
					+ "\"model\":\"bench\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
					+ "\"usage\":{\"input_tokens\":120,\"output_tokens\":1}}}");
			write(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
			var stamp = this.stamped;
			var interval = this.tokenIntervalNanos;
			var tick = interval > 0 ? this.tickNanos : 0;
			var next = System.nanoTime();
			for (int i = 0; i < this.tokens; i++) {
				if (interval > 0) {
					// paced by the clock, not by sleeps, so a late wake-up does not slow the whole answer
					next += interval;
					var wait = next - System.nanoTime();
					if (wait > 0) {
						// with a tick, tokens due within it are written together at its end
						sleepNanos(tick > 0 ? Math.max(wait, tick) : wait);
					}
				}
				if (stamp) {
					out.write(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"⟨"
							+ System.nanoTime() + "⟩ \"}}"));
				}
				else {
					out.write(PLAIN_TOKEN);
				}
				this.emitted.increment();
				// without a tick every token is flushed at once; with one, when the next is not due yet
				if (tick == 0 || i == this.tokens - 1 || next + interval - System.nanoTime() > 0) {
					out.flush();
				}
			}
			write(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
			write(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
					+ "\"usage\":{\"output_tokens\":" + this.tokens + "}}");
			write(out, "message_stop", "{\"type\":\"message_stop\"}");
		}
		catch (IOException ex) {
			// the platform hung up: nothing to clean up
		}
		finally {
			this.open.decrementAndGet();
		}
	}

	private static void write(OutputStream out, String event, String data) throws IOException {
		out.write(event(event, data));
		out.flush();
	}

	private static byte[] event(String event, String data) {
		return ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private static void sleepNanos(long nanos) {
		try {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
