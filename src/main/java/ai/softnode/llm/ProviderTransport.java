package ai.softnode.llm;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.core.http.Interceptor;
import com.anthropic.errors.AnthropicIoException;

/**
 * The HTTP transport under the Anthropic SDK: {@code java.net.http} instead of the SDK's OkHttp
 * client, read on the caller's (virtual) thread, installed as an SDK {@link Interceptor} that does not call on.
 * <p>
 * Why: an answer stream is a long, mostly idle response. OkHttp times every socket read with Okio's
 * {@code AsyncTimeout}, which keeps pending timeouts in one sorted list under one lock, so each read
 * walks the list of all open streams (quadratic with thousands of streams). Here the wait for the
 * response headers is timed by the HTTP client, and silence or overrun within a body by one
 * {@link #watchdog} pass over the open responses a few times a second; a read costs one clock
 * read. Timeouts surface as {@link SocketTimeoutException}, as OkHttp's did, so failures are
 * classified as before. Connections are pooled without a cap; {@code https} negotiates HTTP/2
 * (many streams over few connections), plain {@code http} (a local stand-in) stays on HTTP/1.1.
 * <p>
 * The Anthropic backend the SDK uses here leaves requests as they are (its request hooks are the
 * identity and authentication headers are added before the interceptors run), so sending the
 * request as given is what the SDK's own transport would send.
 */
final class ProviderTransport implements HttpClient, Interceptor {

	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private static final long TICK_MILLIS = 100;

	private final java.net.http.HttpClient http;

	private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
		var thread = new Thread(task, "anthropic-http");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Watched> open = ConcurrentHashMap.newKeySet();

	private final Thread watchdog;

	private @Nullable HttpClient replaced;

	private volatile boolean closed;

	ProviderTransport(Duration connectTimeout) {
		this.http = java.net.http.HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.proxy(ProxySelector.getDefault())
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.executor(this.executor)
			.build();
		this.watchdog = new Thread(this::watch, "anthropic-stream-watchdog");
		this.watchdog.setDaemon(true);
		this.watchdog.start();
	}

	/** Takes the place of the SDK's own transport, which is closed with this one. */
	@Override
	public HttpClient intercept(HttpClient next) {
		this.replaced = next;
		return this;
	}

	@Override
	public HttpResponse execute(HttpRequest request, RequestOptions options) {
		var timeout = options.timeout().orElse(null);
		var started = System.nanoTime();
		var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
		var secure = request.url().regionMatches(true, 0, "https:", 0, 6);
		builder.version(secure ? java.net.http.HttpClient.Version.HTTP_2 : java.net.http.HttpClient.Version.HTTP_1_1);
		var silence = timeout == null ? null : positive(timeout.read());
		var total = timeout == null ? null : positive(timeout.request());
		var headerWait = silence == null ? total : total == null ? silence : min(silence, total);
		if (headerWait != null) {
			builder.timeout(headerWait);
		}
		var headers = request.headers();
		for (var name : headers.names()) {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				for (var value : headers.values(name)) {
					builder.header(name, value);
				}
			}
		}
		var body = request.body().orElse(null);
		try {
			if (body == null) {
				builder.method(request.method().name(), java.net.http.HttpRequest.BodyPublishers.noBody());
			}
			else {
				var bytes = new ByteArrayOutputStream();
				body.writeTo(bytes);
				if (body.contentType() != null && headers.values("Content-Type").isEmpty()) {
					builder.header("Content-Type", body.contentType());
				}
				builder.method(request.method().name(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
			}
			var response = this.http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
			return watched(response, started, silence, total);
		}
		catch (HttpConnectTimeoutException ex) {
			throw new AnthropicIoException("Request failed", new SocketTimeoutException("connect timed out: " + ex.getMessage()));
		}
		catch (HttpTimeoutException ex) {
			throw new AnthropicIoException("Request failed", new SocketTimeoutException("read timed out waiting for the response"));
		}
		catch (ConnectException ex) {
			throw new AnthropicIoException("Request failed", ex);
		}
		catch (IOException ex) {
			throw new AnthropicIoException("Request failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AnthropicIoException("Request interrupted", new InterruptedIOException("interrupted"));
		}
		finally {
			if (body != null) {
				body.close();
			}
		}
	}

	@Override
	public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
		return CompletableFuture.supplyAsync(() -> execute(request, options), this.executor);
	}

	private HttpResponse watched(java.net.http.HttpResponse<InputStream> response, long started, @Nullable Duration silence,
			@Nullable Duration total) {
		var builder = Headers.builder();
		response.headers().map().forEach((name, values) -> {
			if (!name.startsWith(":")) {
				builder.put(name, values);
			}
		});
		var watch = new Watched(response.statusCode(), builder.build(), response.body(), started,
				silence == null ? Long.MAX_VALUE : silence.toNanos(), total == null ? Long.MAX_VALUE : total.toNanos());
		if (silence != null || total != null) {
			this.open.add(watch);
		}
		return watch;
	}

	/** Ends bodies that went silent for too long or ran past their deadline. */
	private void watch() {
		while (!this.closed) {
			try {
				Thread.sleep(TICK_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			var now = System.nanoTime();
			for (var watch : this.open) {
				watch.check(now);
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.watchdog.interrupt();
		this.executor.shutdownNow();
		if (this.replaced != null) {
			this.replaced.close();
		}
	}

	private static @Nullable Duration positive(@Nullable Duration duration) {
		return duration == null || duration.isZero() || duration.isNegative() ? null : duration;
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	/** A response whose body is timed by the watchdog. */
	private final class Watched extends FilterInputStream implements HttpResponse {

		private final int status;

		private final Headers headers;

		private final long startedNanos;

		private final long silenceNanos;

		private final long totalNanos;

		private volatile long lastReadNanos;

		private volatile @Nullable String expired;

		Watched(int status, Headers headers, InputStream body, long startedNanos, long silenceNanos, long totalNanos) {
			super(body);
			this.status = status;
			this.headers = headers;
			this.startedNanos = startedNanos;
			this.silenceNanos = silenceNanos;
			this.totalNanos = totalNanos;
			this.lastReadNanos = System.nanoTime();
		}

		void check(long now) {
			String why = null;
			if (now - this.startedNanos > this.totalNanos) {
				why = "timeout: the response took longer than " + TimeUnit.NANOSECONDS.toMillis(this.totalNanos) + " ms";
			}
			else if (now - this.lastReadNanos > this.silenceNanos) {
				why = "read timed out: no data for " + TimeUnit.NANOSECONDS.toMillis(this.silenceNanos) + " ms";
			}
			if (why != null) {
				this.expired = why;
				close();
			}
		}

		@Override
		public int read() throws IOException {
			try {
				var b = super.read();
				return b < 0 ? ended() : progressed(b);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			try {
				var n = super.read(bytes, offset, length);
				return n < 0 ? ended() : progressed(n);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		private int progressed(int result) {
			this.lastReadNanos = System.nanoTime();
			return result;
		}

		/** An end caused by the watchdog closing the body is a timeout, not a clean end. */
		private int ended() throws IOException {
			var why = this.expired;
			if (why != null) {
				throw new SocketTimeoutException(why);
			}
			return -1;
		}

		private IOException failed(IOException ex) {
			var why = this.expired;
			return why == null ? ex : new SocketTimeoutException(why);
		}

		@Override
		public int statusCode() {
			return this.status;
		}

		@Override
		public Headers headers() {
			return this.headers;
		}

		@Override
		public InputStream body() {
			return this;
		}

		@Override
		public void close() {
			ProviderTransport.this.open.remove(this);
			try {
				super.close();
			}
			catch (IOException ex) {
				// the connection is dropped either way
			}
		}

	}

}
