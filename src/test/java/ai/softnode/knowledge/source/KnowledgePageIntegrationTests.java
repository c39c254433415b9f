package ai.softnode.knowledge.source;

import static ai.softnode.knowledge.source.KnowledgeFixtures.awaitSettled;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.bots.BotManagement;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class KnowledgePageIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	BotManagement bots;

	@Test
	void showsEmptyStateAddsSourcesAndShowsTheirStatus() {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Page Owner");
		var session = owner.user().session();
		var path = "/app/bots/" + owner.botId() + "/knowledge";
		var empty = session.get(path);
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).contains("No knowledge yet").contains("Add knowledge").contains("aria-current=\"page\"")
			.contains("name=\"_csrf\"");

		var added = session.post(path + "/qa", "question", "Where is the shop?", "answer", "At 5 Market Street, Leeds.");
		assertThat(added.statusCode()).isEqualTo(302);
		var after = session.follow(added);
		assertThat(after.body()).contains("Where is the shop?").contains("Q&amp;A pair added");
		var busy = session.get(path + "/list");
		assertThat(busy.statusCode()).isEqualTo(200);
		assertThat(busy.body()).contains("id=\"knowledge-sources\"");

		var id = this.support.jdbc().sql("SELECT id FROM knowledge_source WHERE bot_id = :b").param("b", owner.botId())
			.query(UUID.class).single();
		awaitSettled(owner.api(), owner.botId(), id.toString());
		var ready = session.get(path + "/list");
		assertThat(ready.body()).contains("data-status=\"ready\"").doesNotContain("hx-trigger");

		var invalid = session.post(path + "/text", "title", "", "content", "");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("Give the text a title.").contains("Write or paste the text");
		var blocked = session.post(path + "/url", "url", "http://127.0.0.1:8080/", "maxPages", "5", "schedule", "never");
		assertThat(blocked.statusCode()).isEqualTo(400);
		assertThat(blocked.body()).contains("loopback address");
		var local = session.post(path + "/url", "url", "http://localhost:9/", "maxPages", "5", "schedule", "never");
		assertThat(session.follow(local).body()).contains("Website added");
		var website = this.support.jdbc().sql("SELECT id FROM knowledge_source WHERE bot_id = :b AND type = 'url'")
			.param("b", owner.botId()).query(UUID.class).single();
		var failed = awaitSettled(owner.api(), owner.botId(), website.toString()).json();
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("error").asString()).contains("loopback address");
		assertThat(session.get(path).body()).contains("loopback address, which website sources may not reach");

		var deleted = session.post(path + "/" + id + "/delete");
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(session.follow(deleted).body()).contains("was deleted");
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE id = ?", id)).isZero();
	}

	@Test
	void pollsWhileASourceIsPendingAndStopsWhenNothingIs(@Autowired Sources sources) {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Poll Owner");
		var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
		var id = UUID.randomUUID();
		sources.insert(new Source(id, owner.tenant().workspace(), owner.botId(), "text", "Waiting", Source.PENDING, null, false, "x",
				null, null, "never", null, null, 0, 1, 0, now, now, null, null));
		var path = "/app/bots/" + owner.botId() + "/knowledge";
		var busy = owner.user().session().get(path + "/list").body();
		assertThat(busy).contains("hx-get=\"" + path + "/list\"").contains("hx-trigger=\"every 2s\"").contains("data-status=\"pending\"");
		this.support.jdbc().sql("UPDATE knowledge_source SET status = 'ready' WHERE id = :id").param("id", id).update();
		assertThat(owner.user().session().get(path + "/list").body()).doesNotContain("hx-trigger").contains("data-status=\"ready\"");
	}

	@Test
	void uploadsFilesThroughMultipartFormsWithCsrf() throws Exception {
		var owner = KnowledgeFixtures.owner(this.support, this.bots, "Upload Owner");
		var browser = new Browser(this.support.baseUrl());
		browser.signIn(owner.user().email(), owner.user().password());
		var path = "/app/bots/" + owner.botId() + "/knowledge";
		var csv = "question,answer\nDo you sell gift cards?,\"Yes, from £10 to £200.\"\nCan I pay by invoice?,Only business customers can.\n";
		var response = browser.upload(path + "/csv", "pairs.csv", csv.getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		var unsupported = browser.upload(path + "/file", "picture.pdf", new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0 });
		assertThat(unsupported.statusCode()).isEqualTo(415);
		assertThat(unsupported.body()).contains("not supported");
		var noFile = browser.upload(path + "/file", "", new byte[0]);
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(noFile.body()).contains("Choose a file");
		var source = this.support.jdbc().sql("SELECT id FROM knowledge_source WHERE bot_id = :b").param("b", owner.botId())
			.query(UUID.class).single();
		var json = awaitSettled(owner.api(), owner.botId(), source.toString()).json();
		assertThat(json.path("chunks").asInt()).isEqualTo(2);
		assertThat(json.path("title").asString()).isEqualTo("pairs.csv");
	}

	/** A signed-in browser that can send multipart forms (with the CSRF token as a form field). */
	static final class Browser {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final String baseUrl;

		private final HttpClient http;

		private final String clientIp = "203.0.113." + (1 + (int) (Math.random() * 250));

		Browser(String baseUrl) {
			this.baseUrl = baseUrl;
			this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
				.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
		}

		void signIn(String email, String password) throws Exception {
			var token = csrf("/login");
			var form = "_csrf=" + enc(token) + "&email=" + enc(email) + "&password=" + enc(password);
			var response = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build());
			assertThat(response.statusCode()).isEqualTo(302);
		}

		HttpResponse<String> upload(String path, String fileName, byte[] bytes) throws Exception {
			var token = csrf(path.substring(0, path.lastIndexOf('/')));
			var boundary = "----b" + UUID.randomUUID();
			var body = new ByteArrayOutputStream();
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(bytes);
			body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
		}

		private String csrf(String path) throws Exception {
			var page = send(request(path).GET().build());
			var matcher = CSRF.matcher(page.body());
			assertThat(matcher.find()).as("CSRF token on " + path).isTrue();
			return matcher.group(1);
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(30))
				.header("Accept", "text/html").header("X-Forwarded-For", this.clientIp);
		}

		private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}

		private static String enc(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
