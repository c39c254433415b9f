package ai.softnode.knowledge.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import ai.softnode.bots.BotManagement;
import ai.softnode.bots.BotSettings;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.support.ApiClient;
import ai.softnode.support.TestSupport;

/** Shared steps of the knowledge tests: a signed-up owner with an API key and a bot. */
final class KnowledgeFixtures {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private KnowledgeFixtures() {
	}

	static Owner owner(TestSupport support, BotManagement bots, String name) {
		var user = support.signUp(name);
		var key = support.createApiKey(user);
		var tenant = new Tenant(new WorkspaceId(user.workspaceId()), user.id(), Role.OWNER, null);
		var bot = bots.create(tenant, BotSettings.defaults(name + " bot"));
		return new Owner(user, tenant, support.api(key), key, bot.id());
	}

	/** Polls the source until it is ready or failed and returns its last JSON. */
	static ApiClient.Response awaitSettled(ApiClient api, UUID botId, String sourceId) {
		var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		ApiClient.Response response = null;
		while (System.nanoTime() < deadline) {
			response = api.get("/api/v1/bots/" + botId + "/sources/" + sourceId);
			var status = response.json().path("status").asString();
			if (status.equals("ready") || status.equals("failed")) {
				return response;
			}
			sleep(100);
		}
		throw new AssertionError("source did not settle: " + (response == null ? "" : response.body()));
	}

	/** Posts {@code bytes} as the multipart field {@code file} (left out when {@code fileName} is null), plus extra fields (name, value…). */
	static ApiClient.Response upload(String baseUrl, String key, UUID botId, @org.jspecify.annotations.Nullable String fileName, byte[] bytes, String... fields) {
		var boundary = "----softnode" + UUID.randomUUID();
		var body = new ByteArrayOutputStream();
		try {
			for (int i = 0; i + 1 < fields.length; i += 2) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1]
						+ "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			if (fileName != null) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
						+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
				body.write(bytes);
				body.write("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			var request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/bots/" + botId + "/sources"))
				.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key).header("Accept", "application/json")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
			var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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

	static String json(String text) {
		var out = new StringBuilder("\"");
		for (var c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Owner(TestSupport.User user, Tenant tenant, ApiClient api, String key, UUID botId) {

		String sources() {
			return "/api/v1/bots/" + this.botId + "/sources";
		}

	}

}
