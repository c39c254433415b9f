package ai.softnode.llm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.DefaultSleeper;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Sleeper;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Streams answers from Claude. One retry on a connection failure before any text reached the sink;
 * a circuit breaker stops calls while the provider keeps failing and answers with the bot's fallback
 * message instead.
 */
final class ClaudeAnswerer implements AutoCloseable {

	static final String PROVIDER = "anthropic";

	private static final Logger log = LoggerFactory.getLogger(ClaudeAnswerer.class);

	/** Idle connections to the provider kept for reuse, per connection pool. */
	private static final int IDLE_CONNECTIONS = 256;

	/** Calls one connection pool serves at once before the next pool takes new ones ({@link ProviderPools}). */
	static final int CALLS_PER_POOL = 256;

	/** Connection pools at most: beyond {@value #CALLS_PER_POOL} × this many calls, pools take more each. */
	static final int MAX_POOLS = 32;

	/**
	 * How long an idle connection is kept: shorter than the idle timeouts servers and proxies commonly
	 * apply (30 s and up), so a request rarely goes out on a connection the other side already closed
	 * (the SDK turns OkHttp's own retry of such requests off).
	 */
	private static final Duration IDLE_CONNECTION_LIFE = Duration.ofSeconds(20);

	private static final List<String> WARM_UP_EVENTS = List.of("""
			{"type":"message_start","message":{"id":"msg_0","type":"message","role":"assistant","model":"warm-up",\
			"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}""",
			"""
			{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"warm-up"}}""",
			"""
			{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}""");

	/** The SDK's JSON mapping, also used to read stream events. */
	private static final JsonMapper JSON = sharedBuffers();

	/**
	 * A read of the provider's stream that took longer than this waited for the network. Reading what
	 * is buffered takes microseconds, but on a busy machine (when pacing applies) or in code not yet
	 * compiled it can take a few hundred; a real wait for the provider's next token takes milliseconds.
	 */
	private static final long BUFFERED_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final ProviderPools<AnthropicClient> clients;

	private final LlmProperties settings;

	private final CircuitBreaker breaker;

	private final StreamPacing pacing;

	/** With one client for every call (tests). */
	ClaudeAnswerer(AnthropicClient client, LlmProperties settings) {
		this(new ProviderPools<>(() -> client, AnthropicClient::close, Integer.MAX_VALUE, 1), settings);
	}

	ClaudeAnswerer(ProviderPools<AnthropicClient> clients, LlmProperties settings) {
		this.clients = clients;
		this.settings = settings;
		this.pacing = new StreamPacing(settings.relaysPerSecond());
		this.breaker = CircuitBreaker.of(PROVIDER, settings.breaker().config());
		this.breaker.getEventPublisher().onStateTransition(event -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				log.warn("Claude keeps failing: answering with fallback messages for {}", settings.breaker().waitInOpenState());
			}
			else {
				log.info("Circuit breaker around Claude: {}", event.getStateTransition());
			}
		});
	}

	/**
	 * An SDK client for {@code anthropic}, with a connection pool and dispatcher of its own. A node
	 * builds one per pool of {@value #CALLS_PER_POOL} concurrent calls ({@link #clients}); the first
	 * build loads much of the SDK. The SDK's own retries are off: they could repeat a
	 * request after text was streamed. Streaming calls are synchronous OkHttp calls, which the
	 * dispatcher's per-host limit (meant for asynchronous calls) does not queue; the connection pool
	 * keeps up to {@value #IDLE_CONNECTIONS} idle connections (OkHttp's default is 5), so after a burst
	 * of answers the next ones do not all open new connections. TLS sockets have {@code TCP_NODELAY}
	 * ({@link NoDelayTls}). The SDK's OpenTelemetry tracing is off: conversation text goes to the
	 * model provider and nowhere else, and with the OpenTelemetry API that Spring Boot brings the
	 * SDK's lookup of the global instance fails with a {@link NoSuchMethodError} on every call.
	 */
	static AnthropicClient client(AnthropicProperties anthropic, LlmProperties settings) {
		var tls = NoDelayTls.defaults();
		var builder = AnthropicOkHttpClient.builder()
			.sslSocketFactory(tls.socketFactory())
			.trustManager(tls.trustManager())
			.apiKey(String.valueOf(anthropic.apiKey()))
			.maxRetries(0)
			.openTelemetry(false)
			.timeout(timeouts(settings, settings.totalTimeout()))
			.maxIdleConnections(IDLE_CONNECTIONS)
			.keepAliveDuration(IDLE_CONNECTION_LIFE)
			.sleeper(SharedSleeper.INSTANCE)
			.jsonMapper(JSON);
		if (anthropic.baseUrl() != null && !anthropic.baseUrl().isBlank()) {
			builder.baseUrl(anthropic.baseUrl());
		}
		return builder.build();
	}

	/** Clients as {@link #client} builds them, one connection pool each, built as calls need them. */
	static ProviderPools<AnthropicClient> clients(AnthropicProperties anthropic, LlmProperties settings) {
		return new ProviderPools<>(() -> client(anthropic, settings), AnthropicClient::close, CALLS_PER_POOL, MAX_POOLS);
	}

	/**
	 * The SDK's JSON mapping with buffers shared by all threads. By default Jackson 2 keeps a set of
	 * parser buffers (tens of KB) per thread, and every answer runs on its own virtual thread, so
	 * each open stream would hold its own set for its whole life.
	 */
	private static JsonMapper sharedBuffers() {
		var mapper = ObjectMappers.jsonMapper().copy();
		mapper.getFactory().setRecyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool());
		return mapper;
	}

	/**
	 * Loads and initialises what the first answer would otherwise pay for (about three seconds on two
	 * cores): the SDK's JSON mapping of a request, and the reading of stream events. No network.
	 */
	static void warmUp() {
		try {
			var started = System.nanoTime();
			var request = new AnswerRequest("warm-up", 0, 1, "warm-up",
					List.of(ContextPassage.text("warm-up", "warm-up", null, "warm-up", 0)),
					List.of(Turn.visitor("warm-up")), "warm-up", "warm-up");
			var json = JSON;
			json.writeValueAsString(ClaudePrompt.params("warm-up", request)._body());
			for (var event : WARM_UP_EVENTS) {
				var bytes = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				if (TextDeltas.read(json.getFactory(), bytes, bytes.length) == TextDeltas.NOT_A_DELTA) {
					json.readTree(bytes).path("message").path("usage").path("input_tokens").asInt();
				}
			}
			log.debug("Anthropic SDK warmed up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		}
		catch (Exception | LinkageError ex) {
			// only an optimisation: the first answer pays instead
			log.debug("Anthropic SDK warm-up failed", ex);
		}
	}

	/**
	 * Connect as configured; a read may wait as long as the first token may (the longest silence
	 * tolerated); the whole call may take what is left of the answer's time.
	 */
	private static Timeout timeouts(LlmProperties settings, Duration remaining) {
		return timeouts(settings, remaining, false);
	}

	/** {@code watched}: no read or write timeout, the {@link SilenceWatchdog} ends silences instead. */
	private static Timeout timeouts(LlmProperties settings, Duration remaining, boolean watched) {
		var read = watched ? Duration.ZERO : min(settings.firstTokenTimeout(), remaining);
		return Timeout.builder()
			.connect(min(settings.connectTimeout(), remaining))
			.read(read)
			.write(read)
			.request(remaining)
			.build();
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	CircuitBreaker.State state() {
		return this.breaker.getState();
	}

	AnswerResult answer(String model, AnswerRequest request, AnswerSink sink) {
		var delivery = new Delivery(sink);
		if (!this.breaker.tryAcquirePermission()) {
			return fallback(model, request, delivery);
		}
		var run = new Run(model, delivery);
		ProviderFailure failure;
		try {
			failure = stream(ClaudePrompt.params(model, request), run);
			record(failure, delivery.elapsedNanos());
		}
		catch (RuntimeException ex) {
			// a bug on our side, not the provider's: keep the breaker out of it
			this.breaker.releasePermission();
			log.error("Answer from {} failed unexpectedly", model, ex);
			failure = ProviderFailure.of(ex, delivery.started(), false);
		}
		return result(request, run, failure);
	}

	/** The breaker judges the provider, not the visitor's connection nor requests it rightly refused. */
	private void record(@Nullable ProviderFailure failure, long nanos) {
		if (failure == null) {
			this.breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		}
		else if (failure.countsAgainstProvider()) {
			this.breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFault(failure));
		}
		else {
			this.breaker.releasePermission();
		}
	}

	private @Nullable ProviderFailure stream(MessageCreateParams params, Run run) {
		var failure = attempt(params, run);
		if (failure != null && failure.retryable() && !run.delivery.started()) {
			var pause = this.settings.retryPause();
			if (remaining(run).compareTo(pause.plus(this.settings.connectTimeout())) > 0) {
				log.info("Connection to the provider failed ({}); retrying once", failure.message());
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return failure;
				}
				failure = attempt(params, run);
			}
		}
		return failure;
	}

	/**
	 * One call. The stream is read with {@link ServerSentEvents} rather than the SDK's event iterator:
	 * text deltas, nearly every event of an answer, are picked out of the JSON with a streaming parser
	 * instead of being bound to the SDK's event classes, and while more events have already arrived
	 * their text is passed on together (a visitor's connection that falls behind gets fewer, larger
	 * pieces instead of a growing backlog). Of the other events only the model and the token counts
	 * are read (from a JSON tree); an {@code error} event becomes the SDK's own exception, and error
	 * statuses are raised by the SDK before the stream is read.
	 */
	private @Nullable ProviderFailure attempt(MessageCreateParams params, Run run) {
		// on a virtual thread, silences are ended by the watchdog rather than by socket read timeouts
		var watched = SilenceWatchdog.onVirtualThread();
		var options = RequestOptions.builder().timeout(timeouts(this.settings, remaining(run), watched)).build();
		try (var lease = this.clients.lease();
				var watch = watched ? SilenceWatchdog.shared().watch(this.settings.firstTokenTimeout().toNanos()) : null;
				var response = open(lease.client(), params, options, watch);
				var events = new ServerSentEvents(watch == null ? response.body() : watch.watched(response.body()));
				var streaming = this.pacing.start()) {
			while (true) {
				var reading = System.nanoTime();
				var event = events.next();
				if (event == null) {
					break;
				}
				var waited = System.nanoTime() - reading > BUFFERED_READ_NANOS;
				run.accept(event, response);
				if (!events.ready()) {
					relay(run, waited);
				}
				var late = overdue(run);
				if (late != null) {
					run.flush();
					return late;
				}
			}
			run.flush();
			return run.stopped ? null : ProviderFailure.streamEnded(run.delivery.started());
		}
		catch (Delivery.SinkFailed ex) {
			return ProviderFailure.delivery(ex);
		}
		catch (Exception ex) {
			try {
				run.flush();
			}
			catch (Delivery.SinkFailed sinkFailed) {
				// the visitor is gone too; the provider's failure is what is reported
			}
			if (Thread.currentThread().isInterrupted()) {
				return ProviderFailure.cancelled();
			}
			return ProviderFailure.of(ex, run.delivery.started(), remaining(run).isZero());
		}
	}

	/**
	 * Passes the text held back on, at the end of what has arrived. On a quiet node that is every time
	 * (and always for an answer's first text). When {@link StreamPacing} asks for pauses, text goes out
	 * only once a read had to wait for the provider, that is once everything that piled up has been
	 * read (whether more is already here cannot always be told: a chunked HTTP/1.1 body shows one chunk
	 * at a time), and then the answer pauses so that the next tokens pile up too. Text held back so
	 * waits at most for the provider's next event, and an answer that arrives faster than it is relayed
	 * is never paused.
	 */
	private void relay(Run run, boolean waited) throws InterruptedIOException {
		var pause = run.delivery.started() ? this.pacing.pauseNanos() : 0;
		if (pause == 0) {
			run.flush();
			return;
		}
		if (!waited) {
			return;
		}
		run.flush();
		try {
			Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while pacing the stream");
		}
	}

	/** Answers streaming from the provider on this node now. */
	int streaming() {
		return this.pacing.streaming();
	}

	/** Sends the request; with a watch, the wait for the response's headers is watched too. */
	private static HttpResponseFor<StreamResponse<RawMessageStreamEvent>> open(AnthropicClient client, MessageCreateParams params,
			RequestOptions options, SilenceWatchdog.@Nullable Watch watch) throws SocketTimeoutException {
		if (watch == null) {
			return client.messages().withRawResponse().createStreaming(params, options);
		}
		watch.waiting();
		HttpResponseFor<StreamResponse<RawMessageStreamEvent>> response;
		try {
			response = client.messages().withRawResponse().createStreaming(params, options);
		}
		catch (RuntimeException ex) {
			// the watchdog's timeout instead, when it is what ended the wait
			watch.idle();
			throw ex;
		}
		try {
			watch.idle();
		}
		catch (SocketTimeoutException ex) {
			response.close();
			throw ex;
		}
		return response;
	}

	/** Deadlines the socket timeouts cannot see, such as a stream that sends only pings. */
	private @Nullable ProviderFailure overdue(Run run) {
		var elapsed = run.delivery.elapsedNanos();
		if (elapsed > this.settings.totalTimeout().toNanos()) {
			return ProviderFailure.timeout(this.settings.totalTimeout().toMillis());
		}
		if (!run.delivery.started() && elapsed > this.settings.firstTokenTimeout().toNanos()) {
			return ProviderFailure.firstTokenTimeout(this.settings.firstTokenTimeout().toMillis());
		}
		return null;
	}

	private Duration remaining(Run run) {
		var left = this.settings.totalTimeout().toNanos() - run.delivery.elapsedNanos();
		return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
	}

	private AnswerResult result(AnswerRequest request, Run run, @Nullable ProviderFailure failure) {
		var text = run.delivery.text();
		var cited = Citations.cited(text, request.passages());
		AnswerResult.Status status;
		if (failure == null) {
			status = AnswerResult.Status.COMPLETE;
		}
		else {
			status = run.delivery.started() ? AnswerResult.Status.PARTIAL : AnswerResult.Status.FAILED;
			if (failure.code().equals(ProviderFailure.DELIVERY_FAILED) || failure.code().equals(ProviderFailure.CANCELLED)) {
				log.info("Answer from {} ended {}: {} ({})", run.model, status, failure.code(), failure.message());
			}
			else {
				log.warn("Answer from {} ended {} after {} ms: {} ({})", run.model, status, run.delivery.elapsedMillis(),
						failure.code(), failure.message());
			}
		}
		var answered = failure == null && Citations.answered(text, request.passages(), cited, request.fallbackMessage());
		return new AnswerResult(status, text, PROVIDER, run.model, run.inputTokens, run.outputTokens, run.cacheReadTokens,
				run.cacheWriteTokens, run.delivery.firstTokenMillis(), run.delivery.elapsedMillis(), cited, answered,
				failure == null ? null : failure.code(), failure == null ? null : failure.message());
	}

	/** The breaker is open: no call, the bot's fallback message instead. */
	private AnswerResult fallback(String model, AnswerRequest request, Delivery delivery) {
		var message = request.fallbackMessage().isBlank() ? OfflineAnswerer.NO_ANSWER : request.fallbackMessage();
		String errorCode = ProviderFailure.UNAVAILABLE;
		try {
			delivery.send(message);
		}
		catch (Delivery.SinkFailed ex) {
			errorCode = ProviderFailure.DELIVERY_FAILED;
		}
		return new AnswerResult(AnswerResult.Status.FALLBACK, delivery.text(), PROVIDER, model, 0, 0, 0, 0, -1,
				delivery.elapsedMillis(), List.of(), false, errorCode, "circuit breaker " + this.breaker.getState());
	}

	@Override
	public void close() {
		this.clients.close();
	}

	/** One answer in progress: what came back so far. */
	private static final class Run {

		/** Text held back while more events are already waiting is passed on at this size at the latest. */
		private static final int MAX_PENDING = 2048;

		private final Delivery delivery;

		private final StringBuilder pending = new StringBuilder();

		private String model;

		private int inputTokens;

		private int outputTokens;

		private int cacheReadTokens;

		private int cacheWriteTokens;

		private boolean stopped;

		Run(String model, Delivery delivery) {
			this.model = model;
			this.delivery = delivery;
		}

		void accept(ServerSentEvents.Event event, HttpResponse response) throws IOException {
			switch (event.name()) {
				case "ping" -> {
					// keeps the connection alive
				}
				case "error" -> {
					flush();
					throw SseException.builder()
						.statusCode(response.statusCode())
						.headers(response.headers())
						.body(JSON.readValue(event.data(), 0, event.length(), JsonValue.class))
						.build();
				}
				default -> {
					var delta = TextDeltas.read(JSON.getFactory(), event.data(), event.length());
					if (delta == TextDeltas.NOT_A_DELTA) {
						flush();
						accept(JSON.readTree(event.data(), 0, event.length()));
					}
					else if (!delta.isEmpty()) {
						this.pending.append(delta);
						if (this.pending.length() >= MAX_PENDING) {
							flush();
						}
					}
				}
			}
		}

		/** Passes on the text held back. */
		void flush() {
			if (!this.pending.isEmpty()) {
				var text = this.pending.toString();
				this.pending.setLength(0);
				this.delivery.send(text);
			}
		}

		/**
		 * Any event but a text delta (those never get here: {@link TextDeltas} reads every
		 * content_block_delta). Only the model and the token counts are read, from a JSON tree:
		 * binding each event to the SDK's classes took 4 % of the platform's CPU at 200 turns a second.
		 */
		private void accept(JsonNode event) {
			switch (event.path("type").asText()) {
				case "message_start" -> {
					this.stopped = false;
					var message = event.path("message");
					if (message.path("model").isTextual()) {
						this.model = message.path("model").asText();
					}
					var usage = message.path("usage");
					this.inputTokens = count(usage, "input_tokens", 0);
					this.outputTokens = count(usage, "output_tokens", 0);
					this.cacheReadTokens = count(usage, "cache_read_input_tokens", 0);
					this.cacheWriteTokens = count(usage, "cache_creation_input_tokens", 0);
				}
				case "message_delta" -> {
					// message_delta carries cumulative counts; input counts only when the server sends them
					var usage = event.path("usage");
					this.outputTokens = count(usage, "output_tokens", this.outputTokens);
					this.inputTokens = count(usage, "input_tokens", this.inputTokens);
					this.cacheReadTokens = count(usage, "cache_read_input_tokens", this.cacheReadTokens);
					this.cacheWriteTokens = count(usage, "cache_creation_input_tokens", this.cacheWriteTokens);
				}
				case "message_stop" -> this.stopped = true;
				default -> {
					// content_block_start and _stop carry nothing the visitor or the log needs
				}
			}
		}

		/** A token count; usage is bookkeeping, so a missing or malformed one keeps {@code otherwise}. */
		private static int count(JsonNode usage, String field, int otherwise) {
			var value = usage.path(field);
			return value.canConvertToInt() && value.isIntegralNumber() ? value.asInt() : otherwise;
		}

	}

	/** What the breaker records as the error of a failed call. */
	private static final class ProviderFault extends RuntimeException {

		ProviderFault(ProviderFailure failure) {
			super(failure.code() + ": " + failure.message(), null, false, false);
		}

	}

	/**
	 * The SDK's waits between retries, for every client: its own sleeper starts a timer thread per
	 * client, and a busy node has a client per connection pool. (With the SDK's retries off, nothing
	 * waits here anyway.) Never closed: the thread is a daemon.
	 */
	private static final class SharedSleeper implements Sleeper {

		static final Sleeper INSTANCE = new SharedSleeper();

		private final Sleeper timer = new DefaultSleeper();

		@Override
		public void sleep(Duration duration) {
			this.timer.sleep(duration);
		}

		@Override
		public CompletableFuture<Void> sleepAsync(Duration duration) {
			return this.timer.sleepAsync(duration);
		}

		@Override
		public void close() {
			// shared by every client; a client's close must not stop it for the others
		}

	}

}
