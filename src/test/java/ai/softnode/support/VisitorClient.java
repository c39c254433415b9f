package ai.softnode.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A website visitor talking to a bot through the public widget API, as the chat frame does. */
public class VisitorClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String publicId;

	private String origin;

	private String clientIp;

	private String conversationId;

	private String visitorId;

	private String token;

	private String userAgent;

	/** A visitor of any running installation (used by benchmarks). */
	public static VisitorClient of(String baseUrl, String publicId) {
		return new VisitorClient(baseUrl, publicId);
	}

	VisitorClient(String baseUrl, String publicId) {
		this.baseUrl = baseUrl;
		this.publicId = publicId;
		this.origin = baseUrl;
		var random = ThreadLocalRandom.current();
		this.clientIp = "192.0.2." + (1 + random.nextInt(254));
	}

	/** Calls as a page on {@code origin} would (the Origin header the browser sends). */
	public VisitorClient fromOrigin(String origin) {
		this.origin = origin;
		return this;
	}

	public VisitorClient fromIp(String clientIp) {
		this.clientIp = clientIp;
		return this;
	}

	/** Sends {@code userAgent} as the User-Agent header, as a browser would. */
	public VisitorClient withUserAgent(String userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	/** Leaves contact details in the current conversation. */
	public ApiClient.Response lead(String json) {
		return send("POST", "/conversations/" + this.conversationId + "/lead", json, "application/json");
	}

	public VisitorClient withToken(String token) {
		this.token = token;
		return this;
	}

	public VisitorClient inConversation(String conversationId) {
		this.conversationId = conversationId;
		return this;
	}

	public String conversationId() {
		return this.conversationId;
	}

	public String visitorId() {
		return this.visitorId;
	}

	public String token() {
		return this.token;
	}

	public ApiClient.Response config() {
		return send("GET", "/config", null, "application/json");
	}

	/** Starts a conversation and keeps its id and token. */
	public ApiClient.Response start(String pageUrl, String referrer) {
		var body = JSON.createObjectNode();
		body.put("pageUrl", pageUrl);
		body.put("referrer", referrer);
		body.put("locale", "en-GB");
		var response = send("POST", "/conversations", body.toString(), "application/json");
		if (response.status() == 201) {
			this.conversationId = response.json().path("conversationId").asString();
			this.visitorId = response.json().path("visitorId").asString();
			this.token = response.json().path("visitorToken").asString();
		}
		return response;
	}

	/** Sends a message and collects the answer's SSE events. */
	public Turn ask(String text) {
		return ask(text, null, event -> {
		});
	}

	public Turn ask(String text, String clientMessageId, Consumer<Event> onEvent) {
		var body = JSON.createObjectNode();
		body.put("text", text);
		if (clientMessageId != null) {
			body.put("clientMessageId", clientMessageId);
		}
		var request = request("/conversations/" + this.conversationId + "/messages", "text/event-stream")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		try {
			var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
			var contentType = response.headers().firstValue("Content-Type").orElse("");
			if (!contentType.startsWith("text/event-stream")) {
				var raw = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
				return new Turn(response.statusCode(), List.of(), new ApiClient.Response(response.statusCode(), contentType, raw),
						response.headers().firstValue("Retry-After").orElse(null));
			}
			var events = new ArrayList<Event>();
			try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String name = null;
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith("event:")) {
						name = line.substring(6).trim();
					}
					else if (line.startsWith("data:")) {
						var event = new Event(name, JSON.readTree(line.substring(5).trim()), System.nanoTime());
						events.add(event);
						onEvent.accept(event);
					}
				}
			}
			return new Turn(response.statusCode(), events, null, null);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends a message asking for one JSON reply. */
	public ApiClient.Response askJson(String text) {
		var body = JSON.createObjectNode();
		body.put("text", text);
		return send("POST", "/conversations/" + this.conversationId + "/messages", body.toString(), "application/json");
	}

	public ApiClient.Response history() {
		return send("GET", "/conversations/" + this.conversationId + "/messages", null, "application/json");
	}

	public ApiClient.Response feedback(String messageId, String rating) {
		return send("POST", "/messages/" + messageId + "/feedback", "{\"rating\":\"" + rating + "\"}", "application/json");
	}

	public ApiClient.Response erase() {
		return send("DELETE", "/visitor", null, "application/json");
	}

	public ApiClient.Response send(String method, String path, String json, String accept) {
		var builder = request(path, accept);
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		try {
			var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new ApiClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String path, String accept) {
		var builder = HttpRequest.newBuilder(URI.create(this.baseUrl + "/api/v1/widget/" + this.publicId + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", accept)
			.header("X-Forwarded-For", this.clientIp);
		if (this.origin != null) {
			builder.header("Origin", this.origin);
		}
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		if (this.userAgent != null) {
			builder.header("User-Agent", this.userAgent);
		}
		return builder;
	}

	/** One server-sent event and when it arrived. */
	public record Event(String name, JsonNode data, long receivedNanos) {
	}

	/** The outcome of a send: the event stream, or an error response. */
	public record Turn(int status, List<Event> events, ApiClient.Response error, String retryAfter) {

		public List<String> names() {
			return this.events.stream().map(Event::name).toList();
		}

		public String text() {
			var out = new StringBuilder();
			this.events.stream().filter(e -> "delta".equals(e.name())).forEach(e -> out.append(e.data().path("text").asString()));
			return out.toString();
		}

		public Event last() {
			return this.events.get(this.events.size() - 1);
		}

		public Event first(String name) {
			return this.events.stream().filter(e -> name.equals(e.name())).findFirst().orElseThrow(() -> new AssertionError("no " + name + " event in " + names()));
		}

	}

}
