package ai.softnode.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the Anthropic Messages API for benchmarks, speaking the streaming wire format the
 * SDK parses. Each token carries the {@code System.nanoTime()} of its emission ({@code ⟨n⟩ }), so a
 * client in the same JVM can measure how long a token took to reach it through the platform.
 */
final class BenchModel implements AutoCloseable {

	private static final String STORE_PASSWORD = "bench-only";

	private final ServerSocket server;

	/** The TLS stand-in's key and trust stores; {@code null} over plain HTTP. */
	private final Path keys;

	private final AtomicInteger open = new AtomicInteger();

	private volatile int tokens = 40;

	private volatile long tokenIntervalNanos;

	private volatile boolean stamped = true;

	private volatile long tickNanos;

	private final java.util.concurrent.atomic.LongAdder emitted = new java.util.concurrent.atomic.LongAdder();

	private static final byte[] PLAIN_TOKEN = event("content_block_delta",
			"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}");

	private static final byte[] RESPONSE_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
			+ "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

	BenchModel(boolean tls) throws IOException {
		// Plain HTTP, or HTTPS as the real API (bench.modelTls=true). Over plain HTTP the platform's
		// client (OkHttp) keeps Nagle's algorithm on, so its requests of more than 8 KB wait for this
		// stand-in's delayed ACK (42 ms measured); over HTTPS its sockets have TCP_NODELAY
		// (llm.NoDelayTls), as against the real API. A plain server on blocking sockets, one virtual
		// thread per connection: the JDK's HttpServer took a fifth of the benchmark JVM's CPU, which
		// shares the platform's two cores. The stand-in's own sockets have TCP_NODELAY: without it
		// every small write after the first waits for the platform's delayed ACK (40 ms on Linux),
		// measured as 45 ms of "platform overhead" per turn that the real API, whose servers send each
		// event at once, does not add.
		this.keys = tls ? Files.createTempDirectory("softnode-bench-tls-") : null;
		this.server = tls ? tlsContext(this.keys).getServerSocketFactory().createServerSocket(0, 8192, InetAddress.getLoopbackAddress())
				: new ServerSocket(0, 8192, InetAddress.getLoopbackAddress());
		var connections = ChatLoadBenchmark.virtualThreads();
		var acceptor = new Thread(() -> {
			while (!this.server.isClosed()) {
				try {
					var socket = this.server.accept();
					connections.execute(() -> serve(socket));
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "bench-model-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, and a trust store holding
	 * only it for the platform ({@link #trustStoreOptions()}).
	 */
	private static SSLContext tlsContext(Path keys) throws IOException {
		var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		var keyStore = keys.resolve("model.p12").toString();
		var certificate = keys.resolve("model.cer").toString();
		keytool(keytool, "-genkeypair", "-alias", "model", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "7", "-keystore", keyStore, "-storetype", "PKCS12", "-storepass",
				STORE_PASSWORD);
		keytool(keytool, "-exportcert", "-alias", "model", "-keystore", keyStore, "-storepass", STORE_PASSWORD, "-file", certificate);
		keytool(keytool, "-importcert", "-noprompt", "-alias", "model", "-file", certificate, "-keystore",
				keys.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
		try (var in = Files.newInputStream(Path.of(keyStore))) {
			var store = KeyStore.getInstance("PKCS12");
			store.load(in, STORE_PASSWORD.toCharArray());
			var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			managers.init(store, STORE_PASSWORD.toCharArray());
			var context = SSLContext.getInstance("TLS");
			context.init(managers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private static void keytool(String... command) throws IOException {
		try {
			var process = new ProcessBuilder(command).redirectErrorStream(true).start();
			var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IOException("keytool failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/** JVM options that make the platform trust this stand-in's certificate (and nothing else). */
	List<String> trustStoreOptions() {
		return this.keys == null ? List.of() : List.of("-Djavax.net.ssl.trustStore=" + this.keys.resolve("trust.p12"), "-Djavax.net.ssl.trustStoreType=PKCS12",
				"-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD);
	}

	String baseUrl() {
		return (this.keys != null ? "https" : "http") + "://127.0.0.1:" + this.server.getLocalPort();
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

	/** Answers requests on one kept-alive connection until the platform closes it. */
	private void serve(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			var in = new BufferedInputStream(socket.getInputStream(), 8192);
			var out = new Chunked(socket.getOutputStream());
			while (true) {
				var length = -1L;
				var line = line(in);
				if (line == null) {
					return;
				}
				while (!(line = line(in)).isEmpty()) {
					if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
						length = Long.parseLong(line.substring(15).trim());
					}
				}
				in.skipNBytes(Math.max(0, length));
				socket.getOutputStream().write(RESPONSE_HEAD);
				answer(out);
				out.finish();
			}
		}
		catch (IOException | RuntimeException ex) {
			// the platform hung up: nothing to clean up
		}
	}

	private void answer(OutputStream out) throws IOException {
		this.open.incrementAndGet();
		try {
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
		finally {
			this.open.decrementAndGet();
		}
	}

	/** A request or header line (ASCII, CRLF), or null when the connection ended before one. */
	private static String line(InputStream in) throws IOException {
		var line = new StringBuilder(64);
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				if (line.isEmpty()) {
					return null;
				}
				throw new EOFException("request ended early");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	/** Chunked transfer coding: what is written between flushes goes out as one chunk. */
	private static final class Chunked extends OutputStream {

		private final OutputStream socket;

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream(4096);

		Chunked(OutputStream socket) {
			this.socket = socket;
		}

		@Override
		public void write(int b) {
			this.pending.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.pending.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			if (this.pending.size() == 0) {
				return;
			}
			var head = (Integer.toHexString(this.pending.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			var chunk = new byte[head.length + this.pending.size() + 2];
			System.arraycopy(head, 0, chunk, 0, head.length);
			this.pending.writeTo(new ArrayWriter(chunk, head.length));
			chunk[chunk.length - 2] = '\r';
			chunk[chunk.length - 1] = '\n';
			this.pending.reset();
			// one write per chunk: one segment on the wire, as a server sends an event
			this.socket.write(chunk);
		}

		void finish() throws IOException {
			flush();
			this.socket.write(LAST_CHUNK);
		}

		private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	}

	/** Copies into a byte array from a position. */
	private static final class ArrayWriter extends OutputStream {

		private final byte[] target;

		private int position;

		ArrayWriter(byte[] target, int position) {
			this.target = target;
			this.position = position;
		}

		@Override
		public void write(int b) {
			this.target[this.position++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			System.arraycopy(bytes, offset, this.target, this.position, length);
			this.position += length;
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
	public void close() throws IOException {
		this.server.close();
		if (this.keys != null) {
			try (var files = Files.list(this.keys)) {
				for (var file : (Iterable<Path>) files::iterator) {
					Files.delete(file);
				}
			}
			Files.delete(this.keys);
		}
	}

}
