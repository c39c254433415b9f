package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** How the loader, the chat frame and the hosted page are served. */
@IntegrationTest
class WidgetPagesIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	TestSupport support;

	private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(this.support.baseUrl() + path));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	@Test
	void loaderIsServedCompressedAndCachedBriefly() throws Exception {
		var loader = get("/widget.js", "Accept-Encoding", "gzip");
		assertThat(loader.statusCode()).isEqualTo(200);
		assertThat(loader.headers().firstValue("Content-Encoding")).contains("gzip");
		assertThat(loader.headers().firstValue("Content-Type").orElse("")).contains("javascript");
		assertThat(loader.headers().firstValue("Cache-Control").orElse("")).contains("max-age=600").contains("public");
		assertThat(loader.body().length).as("gzipped loader within budget").isLessThanOrEqualTo(3072 + 64);
		assertThat(loader.headers().allValues("Set-Cookie")).as("no cookie for the customer's visitors").isEmpty();
	}

	@Test
	void framePageAllowsOnlyTheBotsDomainsAsAncestorsAndVersionedAssets() throws Exception {
		var owner = this.support.signUp("Frame Owner");
		var bot = this.support.createBot(owner, "{\"name\":\"Framed\",\"allowedDomains\":[\"shop.example\",\"*.brand.example\"]}");
		var publicId = bot.path("publicId").asString();
		var frame = get("/widget/frame/" + publicId + "?host=https%3A%2F%2Fshop.example");
		assertThat(frame.statusCode()).isEqualTo(200);
		var csp = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("frame-ancestors 'self' https://shop.example http://shop.example https://*.brand.example")
			.contains("script-src 'self'").contains("connect-src 'self'").doesNotContain("unsafe-inline");
		assertThat(frame.headers().allValues("Content-Security-Policy")).hasSize(1);
		assertThat(frame.headers().firstValue("X-Frame-Options")).isEmpty();
		var html = new String(frame.body());
		assertThat(html).contains("data-host-origin=\"https://shop.example\"").doesNotContain("instructions");
		var script = html.replaceAll("(?s).*src=\"(/widget/frame-[0-9a-f]+\\.js)\".*", "$1");
		assertThat(script).startsWith("/widget/frame-");
		assertThat(get(script).headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");

		var spoofed = new String(get("/widget/frame/" + publicId + "?host=https%3A%2F%2Fevil.example").body());
		assertThat(spoofed).doesNotContain("evil.example");
		assertThat(get("/widget/frame/Unknown12345").statusCode()).isEqualTo(404);
	}

	@Test
	void hostedChatPageIsFramedOnlyByThePlatformItself() throws Exception {
		var owner = this.support.signUp("Hosted Owner");
		var bot = this.support.createBot(owner, "{\"name\":\"Hosted\",\"greeting\":\"<b>Hi</b>\"}");
		var page = get("/chat/" + bot.path("publicId").asString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'self'");
		assertThat(new String(page.body())).contains("data-mode=\"page\"").doesNotContain("<b>Hi</b>");
		var open = this.support.createBot(owner, "{\"name\":\"Anywhere\"}");
		var anywhere = get("/widget/frame/" + open.path("publicId").asString());
		assertThat(anywhere.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors *");
	}

}
