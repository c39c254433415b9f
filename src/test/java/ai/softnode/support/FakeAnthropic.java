package ai.softnode.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for the Anthropic Messages API ({@code POST /v1/messages}) that speaks the real
 * streaming wire format the official SDK parses: {@code message_start}, {@code ping},
 * {@code content_block_start}, {@code content_block_delta} (text_delta), {@code content_block_stop},
 * {@code message_delta} (usage), {@code message_stop}, and {@code error} events. It records every
 * request body so a test can assert exactly what was sent to the model.
 * <p>
 * Listens on 127.0.0.1 on a random port; every response closes its connection, so each request is
 * a fresh connection and HTTP client connection pools cannot hide failures. Modes are switched per
 * test and hold until changed or {@link #reset()}:
 *
 * <pre>{@code
 * try (var fake = FakeAnthropic.start()) {
 *     fake.replyWith("Hello there.").tokensPerSecond(50);
 *     // point the client at fake.baseUrl() with any API key …
 *     assertThat(fake.lastRequest().path("max_tokens").asInt()).isEqualTo(800);
 * }
 * }</pre>
 */
public final class FakeAnthropic implements AutoCloseable {

	/** What the reply is when nothing else was said. */
	public static final String DEFAULT_REPLY = "This is an answer from the local stand-in model.";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final ExecutorService executor = handlerThreads();

	private final int port;

	private volatile HttpServer server;

	private volatile Function<JsonNode, String> reply = body -> DEFAULT_REPLY;

	private volatile double tokensPerSecond;

	private volatile Duration firstByteDelay = Duration.ZERO;

	private volatile int cacheReadTokens;

	private volatile int cacheWriteTokens;

	private volatile Failure failure = Failure.NONE;

	private volatile int failuresLeft = -1;

	private FakeAnthropic() {
		this.server = listen(0);
		this.port = this.server.getAddress().getPort();
	}

	/** Starts a fake on a random loopback port. */
	public static FakeAnthropic start() {
		return new FakeAnthropic();
	}

	/** The address to give the SDK as its base URL. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Answers every request with {@code text}, streamed word by word. */
	public FakeAnthropic replyWith(String text) {
		Objects.requireNonNull(text, "text");
		return replyWith(body -> text);
	}

	/** Answers with what {@code reply} makes of the request body (parsed JSON). */
	public FakeAnthropic replyWith(Function<JsonNode, String> reply) {
		this.reply = Objects.requireNonNull(reply, "reply");
		return this;
	}

	/** Paces the reply's words; 0 (the default) sends them as fast as possible. */
	public FakeAnthropic tokensPerSecond(double tokensPerSecond) {
		this.tokensPerSecond = tokensPerSecond;
		return this;
	}

	/** Waits this long before sending anything, status line included. */
	public FakeAnthropic delayFirstByte(Duration delay) {
		this.firstByteDelay = Objects.requireNonNull(delay, "delay");
		return this;
	}

	/** The prompt-cache usage reported in {@code message_start}. */
	public FakeAnthropic cacheUsage(int readTokens, int writeTokens) {
		this.cacheReadTokens = readTokens;
		this.cacheWriteTokens = writeTokens;
		return this;
	}

	/** Makes every following request fail this way (until {@link #reset()} or another mode). */
	public FakeAnthropic failWith(Failure failure) {
		this.failure = Objects.requireNonNull(failure, "failure");
		this.failuresLeft = -1;
		return this;
	}

	/** Makes only the next {@code count} requests fail this way; later ones succeed. */
	public FakeAnthropic failNext(int count, Failure failure) {
		this.failure = Objects.requireNonNull(failure, "failure");
		this.failuresLeft = count;
		return this;
	}

	/**
	 * Stops listening (connections are refused) and listens again on the same port after
	 * {@code duration}, in the background.
	 */
	public FakeAnthropic refuseConnectionsFor(Duration duration) {
		this.server.stop(0);
		var restart = new Thread(() -> {
			sleep(duration.toMillis());
			this.server = listen(this.port);
		}, "fake-anthropic-restart");
		restart.setDaemon(true);
		restart.start();
		return this;
	}

	/** Every request body received so far, oldest first (failed requests included). */
	public List<JsonNode> requests() {
		return List.copyOf(this.requests);
	}

	/** The newest request body; fails when there was none. */
	public JsonNode lastRequest() {
		if (this.requests.isEmpty()) {
			throw new AssertionError("the fake Anthropic API received no request");
		}
		return this.requests.get(this.requests.size() - 1);
	}

	/** The system prompt of a request body as one text, its blocks joined by new lines. */
	public static String systemText(JsonNode body) {
		var system = body.path("system");
		if (system.isString()) {
			return system.asString();
		}
		var texts = new ArrayList<String>();
		system.forEach(block -> texts.add(block.path("text").asString()));
		return String.join("\n", texts);
	}

	/** Back to the default reply, no pacing, delay or failure, and no recorded requests. */
	public FakeAnthropic reset() {
		this.reply = body -> DEFAULT_REPLY;
		this.tokensPerSecond = 0;
		this.firstByteDelay = Duration.ZERO;
		this.cacheReadTokens = 0;
		this.cacheWriteTokens = 0;
		this.failure = Failure.NONE;
		this.failuresLeft = -1;
		this.requests.clear();
		return this;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private HttpServer listen(int port) {
		try {
			var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			server.createContext("/", this::handle);
			server.setExecutor(this.executor);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			var raw = exchange.getRequestBody().readAllBytes();
			JsonNode body;
			try {
				body = JSON.readTree(raw.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : raw);
			}
			catch (RuntimeException ex) {
				json(exchange, 400, error("invalid_request_error", "bad json"));
				return;
			}
			this.requests.add(body);
			if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().startsWith("/v1/messages")) {
				json(exchange, 404, error("not_found_error", "not found"));
				return;
			}
			String reply;
			try {
				reply = this.reply.apply(body);
			}
			catch (RuntimeException ex) {
				json(exchange, 500, error("api_error", "the fake's reply function failed: " + ex));
				return;
			}
			var failure = nextFailure();
			sleep(this.firstByteDelay.toMillis());
			switch (failure) {
				case DROP_CONNECTION -> throw new Dropped();
				case HTTP_500 -> json(exchange, 500, error("api_error", "Internal server error"));
				case OVERLOADED_529 -> json(exchange, 529, error("overloaded_error", "Overloaded"));
				default -> {
					if (body.path("stream").asBoolean(false)) {
						stream(exchange, body, reply, failure);
					}
					else {
						message(exchange, body, reply);
					}
				}
			}
			exchange.close();
		}
		catch (IOException | RuntimeException ex) {
			// no close(): it would end the response properly; the server closes the connection instead
			throw ex instanceof Dropped dropped ? dropped : new Dropped();
		}
	}

	private synchronized Failure nextFailure() {
		if (this.failure == Failure.NONE || this.failuresLeft == 0) {
			return Failure.NONE;
		}
		if (this.failuresLeft > 0) {
			this.failuresLeft--;
		}
		return this.failure;
	}

	private void stream(HttpExchange exchange, JsonNode body, String reply, Failure failure) throws IOException {
		var words = words(reply);
		var model = body.path("model").asString("claude-fake");
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.getResponseHeaders().set("request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
		exchange.sendResponseHeaders(200, 0);
		var out = exchange.getResponseBody();
		var message = JSON.createObjectNode();
		message.put("id", "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
		message.put("type", "message").put("role", "assistant").put("model", model);
		message.putArray("content");
		message.putNull("stop_reason").putNull("stop_sequence");
		message.putObject("usage")
			.put("input_tokens", inputTokens(body))
			.put("output_tokens", 1)
			.put("cache_creation_input_tokens", this.cacheWriteTokens)
			.put("cache_read_input_tokens", this.cacheReadTokens);
		event(out, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", message));
		event(out, "ping", JSON.createObjectNode().put("type", "ping"));
		var start = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
		start.putObject("content_block").put("type", "text").put("text", "");
		event(out, "content_block_start", start);
		var pause = this.tokensPerSecond > 0 ? (long) (1000 / this.tokensPerSecond) : 0;
		for (int i = 0; i < words.size(); i++) {
			if (i == words.size() / 2 && failure == Failure.DIE_MID_STREAM) {
				throw new Dropped();
			}
			if (i == words.size() / 2 && failure == Failure.ERROR_EVENT_MID_STREAM) {
				event(out, "error", error("overloaded_error", "Overloaded"));
				return;
			}
			sleep(pause);
			var delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
			delta.putObject("delta").put("type", "text_delta").put("text", words.get(i));
			event(out, "content_block_delta", delta);
		}
		event(out, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
		var end = JSON.createObjectNode().put("type", "message_delta");
		end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
		end.putObject("usage").put("output_tokens", words.size());
		event(out, "message_delta", end);
		event(out, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
	}

	private static void message(HttpExchange exchange, JsonNode body, String text) throws IOException {
		var message = JSON.createObjectNode();
		message.put("id", "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
		message.put("type", "message").put("role", "assistant").put("model", body.path("model").asString("claude-fake"));
		message.putArray("content").addObject().put("type", "text").put("text", text);
		message.put("stop_reason", "end_turn").putNull("stop_sequence");
		message.putObject("usage").put("input_tokens", inputTokens(body)).put("output_tokens", words(text).size());
		json(exchange, 200, message);
	}

	private static void event(OutputStream out, String name, JsonNode data) throws IOException {
		out.write(("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** Sends a whole JSON response and ends the exchange. */
	private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
		var bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static ObjectNode error(String type, String message) {
		var error = JSON.createObjectNode().put("type", "error");
		error.putObject("error").put("type", type).put("message", message);
		return error;
	}

	private static int inputTokens(JsonNode body) {
		return Math.max(1, body.toString().length() / 4);
	}

	/** Words with their trailing spaces, as a model streams them. */
	static List<String> words(String text) {
		var out = new ArrayList<String>();
		var current = new StringBuilder();
		for (var c : text.toCharArray()) {
			current.append(c);
			if (c == ' ') {
				out.add(current.toString());
				current.setLength(0);
			}
		}
		if (!current.isEmpty()) {
			out.add(current.toString());
		}
		return out;
	}

	private static void sleep(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Virtual threads where the JDK has them (21+), so paced streams cost nothing; a cached pool of
	 * daemon threads on 17, which the sources target.
	 */
	private static ExecutorService handlerThreads() {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return Executors.newCachedThreadPool(task -> {
				var thread = new Thread(task, "fake-anthropic");
				thread.setDaemon(true);
				return thread;
			});
		}
	}

	/** Ways the fake fails a request. */
	public enum Failure {

		/** No failure. */
		NONE,

		/** HTTP 500 with an {@code api_error} body. */
		HTTP_500,

		/** HTTP 529 with an {@code overloaded_error} body. */
		OVERLOADED_529,

		/** Streams half the reply, then closes the connection without ending the stream. */
		DIE_MID_STREAM,

		/** Streams half the reply, then sends an {@code error} event ({@code overloaded_error}). */
		ERROR_EVENT_MID_STREAM,

		/** Reads the request and closes the connection without any response. */
		DROP_CONNECTION

	}

	/** Thrown inside a handler to make the JDK server close the connection abruptly. */
	private static final class Dropped extends RuntimeException {

		Dropped() {
			super("connection dropped on purpose", null, false, false);
		}

	}

}
