package ai.softnode.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class PlatformIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void pagesCarrySecurityHeaders() {
		var page = this.support.session().get("/login");
		var headers = page.headers();
		assertThat(headers.firstValue("Content-Security-Policy").orElse(""))
			.contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'self'");
		assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(headers.firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
		var signedIn = this.support.signUp("Cookie User");
		assertThat(signedIn.session().get("/app/settings/profile").statusCode()).isEqualTo(200);
	}

	/** What lets one node hold thousands of answer streams (bench/README.md). */
	@Test
	void jettyQueuesBurstsOfConnectionsAndRunsRequestsOnVirtualThreads() {
		var server = ((JettyWebServer) this.context.getWebServer()).getServer();
		var connector = (ServerConnector) server.getConnectors()[0];
		assertThat(connector.getAcceptQueueSize()).isEqualTo(1024);
		assertThat(connector.getIdleTimeout()).as("longer than the provider's first-token limit").isEqualTo(60_000);
		assumeTrue(VirtualThreads.areSupported(), "virtual threads need Java 21");
		assertThat(server.getThreadPool()).isInstanceOfSatisfying(QueuedThreadPool.class,
				pool -> assertThat(pool.getVirtualThreadsExecutor()).as("requests on virtual threads").isNotNull());
	}

	/** Nothing here listens to Spring MVC's per-request event, and publishing one cost every chat turn. */
	@Test
	void requestsPublishNoRequestHandledEvent() throws InterruptedException {
		var events = new AtomicInteger();
		((ConfigurableApplicationContext) this.context).addApplicationListener(new ApplicationListener<ServletRequestHandledEvent>() {
			@Override
			public void onApplicationEvent(ServletRequestHandledEvent event) {
				events.incrementAndGet();
			}
		});
		assertThat(this.support.session().get("/login").statusCode()).isEqualTo(200);
		assertThat(this.support.session().get("/signup").statusCode()).isEqualTo(200);
		// the event would follow the response: give it time to come
		Thread.sleep(300);
		assertThat(events.get()).isZero();
	}

	@Test
	void sessionCookieIsHttpOnlyAndLax() {
		var response = this.support.session().get("/signup");
		var cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
		assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
	}

	@Test
	void unknownPageIsAFriendlyPageWithoutStackTrace() {
		var page = this.support.signUp("Lost User").session().get("/app/no/such/page");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("Page not found").doesNotContain("Exception").doesNotContain("Whitelabel");
	}

	@Test
	void unknownApiPathIsProblemJson() {
		var response = this.support.api(null).get("/api/v1/widget/nope/unknown-thing");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.code()).isNotBlank();
		var anonymous = this.support.api(null).get("/api/v1/bots");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.code()).isEqualTo("unauthenticated");
	}

	@Test
	void everyAssetIsServedLocally() {
		var page = this.support.session().get("/signup").body();
		assertThat(page).doesNotContainPattern("(src|href)=\"https?://");
		var css = this.support.session().get("/login").body();
		var stylesheet = css.replaceAll("(?s).*href=\"(/css/app[^\"]*\\.css)\".*", "$1");
		var cssResponse = this.support.session().get(stylesheet);
		assertThat(cssResponse.statusCode()).isEqualTo(200);
		assertThat(cssResponse.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
		var htmx = css.replaceAll("(?s).*src=\"(/webjars/[^\"]*htmx[^\"]*\\.js)\".*", "$1");
		assertThat(this.support.session().get(htmx).statusCode()).isEqualTo(200);
	}

	@Test
	void operationsEndpointsAnswer() {
		assertThat(this.support.api(null).get("/actuator/health").body()).contains("UP");
		var docs = this.support.api(null).get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/v1/me");
		assertThat(this.support.session().get("/docs").statusCode()).isIn(200, 302);
		assertThat(this.support.session().get("/privacy").body()).contains("Where your data goes");
		assertThat(this.support.session().get("/terms").statusCode()).isEqualTo(200);
	}

}
