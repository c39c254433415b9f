package ai.softnode.knowledge.crawl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A website served by the test on 127.0.0.1, and a crawler whose guard is opened for exactly that
 * address (every other private address stays refused).
 */
public final class TestSite implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Response> pages = new ConcurrentHashMap<>();

	private final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();

	public TestSite() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public TestSite html(String path, String title, String body) {
		return page(path, 200, "text/html; charset=utf-8", "<!doctype html><html><head><title>" + title + "</title></head><body>"
				+ body + "</body></html>");
	}

	public TestSite page(String path, int status, String contentType, String body) {
		this.pages.put(path, new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO, false));
		return this;
	}

	public TestSite redirect(String path, String location) {
		this.pages.put(path, new Response(302, "text/plain", new byte[0], Map.of("Location", location), Duration.ZERO, false));
		return this;
	}

	public TestSite slow(String path, Duration delay) {
		this.pages.put(path, new Response(200, "text/html", "<p>late</p>".getBytes(StandardCharsets.UTF_8), Map.of(), delay, false));
		return this;
	}

	/** A gzip-encoded response that inflates to {@code bytes} bytes. */
	public TestSite gzipBomb(String path, int bytes) {
		var out = new ByteArrayOutputStream();
		try (var gzip = new GZIPOutputStream(out)) {
			var block = new byte[64 * 1024];
			for (int written = 0; written < bytes; written += block.length) {
				gzip.write(block);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.pages.put(path, new Response(200, "text/html", out.toByteArray(), Map.of("Content-Encoding", "gzip"), Duration.ZERO, false));
		return this;
	}

	public TestSite remove(String path) {
		this.pages.remove(path);
		return this;
	}

	/** The paths requested so far, in order. */
	public java.util.List<String> requests() {
		return java.util.List.copyOf(this.requests);
	}

	/** A guard that may reach this site's address (127.0.0.1) and nothing else private. */
	public FetchGuard guard(long maxPageBytes, Duration readTimeout) {
		return guard(maxPageBytes, readTimeout, InetAddress::getAllByName);
	}

	FetchGuard guard(long maxPageBytes, Duration readTimeout, AddressPolicy.Resolver resolver) {
		try {
			var policy = new AddressPolicy(false, Set.of(InetAddress.getByName("127.0.0.1")), resolver);
			return new FetchGuard(new FetchGuard.Settings(false, Duration.ofSeconds(2), readTimeout, maxPageBytes, 5, "SoftnodeBot/1.0"),
					policy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Crawler crawler() {
		return new Crawler(guard(1024 * 1024, Duration.ofSeconds(5)), new Crawler.Limits(100, 5, 10L * 1024 * 1024, Duration.ofMinutes(1)), "SoftnodeBot");
	}

	public URI uri(String path) {
		return URI.create(url(path));
	}

	private void handle(HttpExchange exchange) throws IOException {
		var path = exchange.getRequestURI().getRawPath()
				+ (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
		this.requests.add(path);
		var response = this.pages.get(path);
		try (exchange) {
			if (response == null) {
				var body = "not found".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(404, body.length);
				exchange.getResponseBody().write(body);
				return;
			}
			if (!response.delay().isZero()) {
				try {
					Thread.sleep(response.delay().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			exchange.getResponseHeaders().add("Content-Type", response.contentType());
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
			if (response.body().length > 0) {
				exchange.getResponseBody().write(response.body());
			}
		}
		catch (IOException ex) {
			// the client hung up early, as the guard does when a limit is reached
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Response(int status, String contentType, byte[] body, Map<String, String> headers, Duration delay,
			boolean chunked) {
	}

}
