package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import ai.softnode.support.Browser;
import ai.softnode.support.FakeAnthropic;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/**
 * The widget as a visitor meets it: a static page on another origin embeds {@code widget.js}; the
 * bubble opens the chat frame, an answer streams in, a reload keeps the conversation, and the owner
 * sees it in the dashboard. Hostile text from the visitor or the model stays inert.
 */
@IntegrationTest
@Tag("browser")
class WidgetBrowserTests {

	static final FakeAnthropic model = FakeAnthropic.start();

	static final String HOSTILE = "<script>window.pwned=1</script> <img src=x onerror=\"window.pwned=2\"> "
			+ "[click me](javascript:window.pwned=3) **bold** and a [real link](https://example.org/docs)\n\n";

	@DynamicPropertySource
	static void anthropic(DynamicPropertyRegistry registry) {
		registry.add("anthropic.api-key", () -> "test-key");
		registry.add("anthropic.base-url", model::baseUrl);
	}

	@AfterAll
	static void stop() {
		model.close();
	}

	@Autowired
	TestSupport support;

	@Test
	void thirdPartyPageEmbedsTheWidgetStreamsAnAnswerKeepsHistoryAndOwnerSeesIt() throws Exception {
		model.replyWith(request -> request.toString().contains("hostile") ? HOSTILE + "x".repeat(100_000)
				: "We bake fresh sourdough every morning.").tokensPerSecond(0);
		var owner = this.support.signUp("Embed Owner");
		var page = thirdPartyPage();
		try (var browser = Browser.start()) {
			var pagePort = page.getAddress().getPort();
			var bot = this.support.createBot(owner, "{\"name\":\"Bakery\",\"greeting\":\"Welcome to the bakery!\",\"allowedDomains\":[\"127.0.0.1:"
					+ pagePort + "\"],\"appearance\":{\"launcherLabel\":\"Ask the baker\",\"accentColor\":\"#b45309\"}}");
			pageHtml = "<!doctype html><html><head><title>Bakery</title></head><body><h1>Third-party bakery</h1>"
					+ "<script src=\"" + this.support.baseUrl() + "/widget.js\" data-bot=\"" + bot.path("publicId").asString() + "\" async></script>"
					+ "</body></html>";
			browser.open("http://127.0.0.1:" + pagePort + "/shop.html?utm_source=newsletter");
			browser.await(d -> d.findElements(By.tagName("softnode-widget")).size() == 1);

			clickBubble(browser);
			enterFrame(browser);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("Welcome to the bakery!"));
			browser.find("#sn-input").sendKeys("When do you bake?", Keys.ENTER);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("We bake fresh sourdough every morning."));

			browser.driver().navigate().refresh();
			browser.await(d -> d.findElements(By.tagName("softnode-widget")).size() == 1);
			clickBubble(browser);
			enterFrame(browser);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("We bake fresh sourdough every morning."));
			assertThat(browser.find("#sn-log").getText()).contains("When do you bake?");

			var hostileQuestion = "hostile <script>window.pwned=4</script><img src=x onerror=\"window.pwned=5\"> [x](javascript:alert(1))";
			browser.find("#sn-input").sendKeys(hostileQuestion, Keys.ENTER);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("real link"));
			var js = (JavascriptExecutor) browser.driver();
			assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
			assertThat(browser.driver().findElements(By.cssSelector("#sn-log img"))).isEmpty();
			assertThat(browser.driver().findElements(By.cssSelector("#sn-log script"))).isEmpty();
			assertThat(browser.driver().findElements(By.cssSelector("#sn-log a[href^='javascript']"))).isEmpty();
			var link = browser.find("#sn-log a[href='https://example.org/docs']");
			assertThat(link.getAttribute("rel")).contains("noopener").contains("noreferrer");
			assertThat(browser.find("#sn-log").getText()).contains("<script>window.pwned=4</script>");
			browser.driver().switchTo().defaultContent();
			assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);

			var logs = owner.session().get("/app/conversations");
			assertThat(logs.body()).contains("1 conversation(s)").contains("When do you bake?").contains("newsletter");
			var conversationId = this.support.jdbc().sql("SELECT id FROM chat_conversation WHERE bot_id = :b")
				.param("b", java.util.UUID.fromString(bot.path("id").asString())).query(String.class).single();
			browser.open(this.support.baseUrl() + "/login");
			browser.type("#email", owner.email());
			browser.type("#password", owner.password());
			browser.find("form[action='/login'] button[type=submit]").click();
			browser.await(d -> d.getCurrentUrl().endsWith("/app"));
			browser.open(this.support.baseUrl() + "/app/conversations/" + conversationId);
			browser.await(d -> d.getPageSource().contains("real link"));
			assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
			assertThat(browser.driver().findElements(By.cssSelector(".transcript img"))).isEmpty();
			assertThat(browser.find(".transcript").getText()).contains("<script>window.pwned=4</script>");
		}
		finally {
			page.stop(0);
		}
	}

	private static volatile String pageHtml = "";

	private static HttpServer thirdPartyPage() throws IOException {
		var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			var body = pageHtml.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	/** Clicks the launcher bubble inside the widget's shadow root. */
	private static void clickBubble(Browser browser) {
		browser.driver().switchTo().defaultContent();
		var host = browser.find("softnode-widget");
		host.getShadowRoot().findElement(By.cssSelector("button")).click();
	}

	private static void enterFrame(Browser browser) {
		try {
			awaitFrame(browser);
		}
		catch (RuntimeException ex) {
			browser.driver().switchTo().defaultContent();
			browser.capture("widget-frame");
			throw ex;
		}
	}

	private static void awaitFrame(Browser browser) {
		browser.await(d -> {
			try {
				d.switchTo().defaultContent();
				var frame = d.findElement(By.tagName("softnode-widget")).getShadowRoot().findElement(By.cssSelector("iframe"));
				d.switchTo().frame(frame);
				return d.findElement(By.id("sn-input")).isDisplayed();
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
	}


}
