package ai.softnode.privacy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;
import ai.softnode.support.VisitorClient;

/** A workspace with a bot, a knowledge source, conversations and leads; and ZIP downloads. */
final class PrivacyFixtures {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private PrivacyFixtures() {
	}

	/** A seeded workspace: its owner, API key, bot and visitors (each with a conversation; the first {@code leads} left a lead). */
	record Seeded(User owner, String key, String botId, String publicId, List<VisitorClient> visitors, List<String> leadEmails, String marker) {
	}

	static Seeded seed(TestSupport support, String name, int visitors, int leads) {
		var owner = support.signUp(name);
		var marker = name.replace(' ', '-') + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
		var bot = support.createBotWithSources(owner,
				"{\"name\":\"Bot " + marker + "\",\"model\":\"offline\",\"retentionDays\":30,\"leadCapture\":{\"mode\":\"AFTER_MESSAGES\","
						+ "\"afterMessages\":1,\"fields\":[\"name\",\"email\",\"phone\"]}}",
				"{\"type\":\"text\",\"title\":\"Opening hours " + marker + "\",\"content\":\"Our shop " + marker
						+ " opens at 9 in the morning and closes at 5 in the evening.\"}");
		var clients = new ArrayList<VisitorClient>();
		var emails = new ArrayList<String>();
		for (int i = 0; i < visitors; i++) {
			var visitor = support.visitor(bot.path("publicId").asString());
			visitor.start("https://shop.example/page-" + i, null);
			visitor.ask("When do you open? asks visitor " + i + " of " + marker);
			if (i % 2 == 0) {
				visitor.ask("And on Sunday? visitor " + i + " of " + marker);
			}
			if (i < leads) {
				var email = TestSupport.uniqueEmail("lead" + i);
				var response = visitor.lead("{\"name\":\"Lead " + i + " " + marker + "\",\"email\":\"" + email + "\",\"phone\":\"+44 20 7946 000" + i
						+ "\",\"consent\":true}");
				if (response.status() != 201) {
					throw new IllegalStateException("lead: " + response.status() + " " + response.body());
				}
				emails.add(email);
			}
			clients.add(visitor);
		}
		return new Seeded(owner, bot.path("apiKey").asString(), bot.path("id").asString(), bot.path("publicId").asString(), clients, emails,
				marker);
	}

	/** A response whose body is kept as bytes. */
	record Download(int status, String contentType, byte[] body) {

		Map<String, String> entries() {
			return unzip(this.body);
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	static Download send(TestSupport support, String method, String path, String key, String json) {
		var builder = HttpRequest.newBuilder(URI.create(support.baseUrl() + path)).header("Authorization", "Bearer " + key)
			.header("Accept", "application/zip, application/json");
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		try {
			var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Every file of a ZIP by path, as UTF-8 text. */
	static Map<String, String> unzip(byte[] zip) {
		var files = new LinkedHashMap<String, String>();
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return files;
	}

}
