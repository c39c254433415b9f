package ai.softnode.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP session: keeps cookies, sends CSRF tokens with forms, does not follow
 * redirects (tests assert them), and comes from its own client address through the trusted proxy
 * header so rate limits of one test never affect another.
 */
public class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final HttpClient http;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private String clientIp;

	/** A session against any running installation (used by benchmarks). */
	public static WebSession to(String baseUrl) {
		return new WebSession(baseUrl);
	}

	WebSession(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder().cookieHandler(this.cookies).followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5)).build();
		var random = ThreadLocalRandom.current();
		this.clientIp = "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	public WebSession from(String clientIp) {
		this.clientIp = clientIp;
		return this;
	}

	public String clientIp() {
		return this.clientIp;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).header("Accept", "text/html").GET().build());
	}

	/** Posts a form with this session's CSRF token; {@code fields} alternate names and values. */
	public HttpResponse<String> post(String path, String... fields) {
		var body = new StringBuilder("_csrf=").append(encode(csrfToken()));
		for (int i = 0; i + 1 < fields.length; i += 2) {
			body.append('&').append(encode(fields[i])).append('=').append(encode(fields[i + 1]));
		}
		return postRaw(path, body.toString());
	}

	/** Posts an already-encoded form body as is (no CSRF token added). */
	public HttpResponse<String> postRaw(String path, String encodedBody) {
		return send(request(path).header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encodedBody)).build());
	}

	/** Follows a redirect response with a GET, as a browser would. */
	public HttpResponse<String> follow(HttpResponse<String> redirect) {
		var location = redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + redirect.statusCode()));
		var uri = URI.create(location);
		var path = uri.isAbsolute() ? uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) : location;
		return get(path);
	}

	public String csrfToken() {
		var page = get("/forgot-password");
		var matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new IllegalStateException("no CSRF token on page: " + page.statusCode());
		}
		return matcher.group(1);
	}

	public void signIn(String email, String password) {
		var response = post("/login", "email", email, "password", password);
		var location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || location.contains("error") || location.contains("throttled")) {
			throw new AssertionError("sign-in failed: " + response.statusCode() + " " + location);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(30))
			.header("X-Forwarded-For", this.clientIp);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
