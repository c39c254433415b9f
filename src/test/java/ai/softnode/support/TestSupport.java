package ai.softnode.support;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Helpers for integration tests: HTTP sessions against the running app, sign-up, the outbox and the
 * database.
 */
@TestComponent
@Lazy
public class TestSupport {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final JdbcClient jdbc;

	private final int port;

	TestSupport(JdbcClient jdbc, @Value("${local.server.port}") int port) {
		this.jdbc = jdbc;
		this.port = port;
	}

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A fresh browser-like session (own cookies, own client address). */
	public WebSession session() {
		return new WebSession(baseUrl());
	}

	public ApiClient api(String key) {
		return new ApiClient(baseUrl(), key);
	}

	/** A website visitor of the bot with {@code publicId}. */
	public VisitorClient visitor(String publicId) {
		return new VisitorClient(baseUrl(), publicId);
	}

	/** Creates a bot through the JSON API with the given JSON fields added to a name; returns its JSON. */
	public tools.jackson.databind.JsonNode createBot(User owner, String json) {
		var key = createApiKey(owner);
		var response = api(key).post("/api/v1/bots", json);
		if (response.status() != 201) {
			throw new IllegalStateException("bot creation failed: " + response.status() + " " + response.body());
		}
		return response.json();
	}

	/**
	 * Creates a bot and gives it Q&A knowledge through the JSON API, waiting until the sources are
	 * ready; {@code qa} alternates questions and answers.
	 */
	public tools.jackson.databind.JsonNode createBotWithQa(User owner, String botJson, String... qa) {
		var json = tools.jackson.databind.json.JsonMapper.builder().build();
		var sources = new String[qa.length / 2];
		for (int i = 0; i + 1 < qa.length; i += 2) {
			sources[i / 2] = json.createObjectNode().put("type", "qa").put("question", qa[i]).put("answer", qa[i + 1]).toString();
		}
		return createBotWithSources(owner, botJson, sources);
	}

	/**
	 * Creates a bot with the given knowledge sources (JSON bodies of {@code POST …/sources}) through
	 * the API and waits until they are ready; the bot's JSON gains an {@code apiKey} field for later calls.
	 */
	public tools.jackson.databind.JsonNode createBotWithSources(User owner, String botJson, String... sourceJsons) {
		var key = createApiKey(owner);
		var api = api(key);
		var created = api.post("/api/v1/bots", botJson);
		if (created.status() != 201) {
			throw new IllegalStateException("bot creation failed: " + created.status() + " " + created.body());
		}
		var bot = (tools.jackson.databind.node.ObjectNode) created.json();
		bot.put("apiKey", key);
		var sources = "/api/v1/bots/" + bot.path("id").asString() + "/sources";
		for (var source : sourceJsons) {
			var added = api.post(sources, source);
			if (added.status() != 201) {
				throw new IllegalStateException("source creation failed: " + added.status() + " " + added.body());
			}
		}
		var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			var items = api.get(sources).json().path("items");
			var ready = 0;
			for (var item : items) {
				if ("failed".equals(item.path("status").asString())) {
					throw new IllegalStateException("source failed: " + item);
				}
				ready += "ready".equals(item.path("status").asString()) ? 1 : 0;
			}
			if (ready == sourceJsons.length) {
				return bot;
			}
			sleep(100);
		}
		throw new AssertionError("knowledge of bot " + bot.path("id").asString() + " not ready in time");
	}

	public JdbcClient jdbc() {
		return this.jdbc;
	}

	/** A unique email address for this test run. */
	public static String uniqueEmail(String who) {
		return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** Signs up a new user with their own workspace and returns their signed-in session. */
	public User signUp(String name) {
		var email = uniqueEmail(name.toLowerCase().replace(' ', '-'));
		var password = "quiet river stone " + UUID.randomUUID().toString().substring(0, 6);
		var session = session();
		var response = session.post("/signup", "name", name, "email", email, "password", password, "company", name + " Ltd");
		if (response.statusCode() != 302) {
			throw new IllegalStateException("sign-up failed: " + response.statusCode() + "\n" + response.body());
		}
		var id = this.jdbc.sql("SELECT id FROM accounts_user WHERE email = :e").param("e", email).query(UUID.class).single();
		var workspace = this.jdbc.sql("SELECT workspace_id FROM workspaces_member WHERE user_id = :u").param("u", id)
			.query(UUID.class).single();
		return new User(id, workspace, name, email, password, session);
	}

	/** Creates an API key for {@code user} through the settings page and returns it. */
	public String createApiKey(User user) {
		var page = user.session().post("/app/settings/api-keys", "name", "test key");
		var matcher = Pattern.compile("id=\"new-api-key\"[^>]*>([^<]+)<").matcher(page.body());
		if (!matcher.find()) {
			throw new IllegalStateException("no key shown: " + page.statusCode() + "\n" + page.body());
		}
		return matcher.group(1).trim();
	}

	/** Waits for the newest mail of {@code kind} to {@code email} to appear in the outbox and returns its body. */
	public String awaitMail(String email, String kind) {
		var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			var body = this.jdbc.sql("""
					SELECT body_text FROM notifications_outbox WHERE recipient = :r AND kind = :k
					ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY""")
				.param("r", email.toLowerCase()).param("k", kind).query(String.class).optional();
			if (body.isPresent()) {
				return body.get();
			}
			sleep(50);
		}
		throw new AssertionError("no " + kind + " mail to " + email);
	}

	/** The first link in a mail body, as a path on this server. */
	public static String linkPath(String mailBody) {
		var matcher = LINK.matcher(mailBody);
		if (!matcher.find()) {
			throw new AssertionError("no link in mail:\n" + mailBody);
		}
		var link = matcher.group();
		return link.substring(link.indexOf('/', link.indexOf("//") + 2));
	}

	public long count(String sql, Object... params) {
		var spec = this.jdbc.sql(sql);
		for (int i = 0; i < params.length; i++) {
			spec = spec.param(i + 1, params[i]);
		}
		return spec.query(Long.class).single();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A signed-up user and their signed-in session. */
	public record User(UUID id, UUID workspaceId, String name, String email, String password, WebSession session) {
	}

}
