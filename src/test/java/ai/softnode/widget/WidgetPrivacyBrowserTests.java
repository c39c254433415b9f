package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.Browser;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/**
 * In a real browser: the privacy notice comes before anything is sent, "Download my conversation"
 * saves a readable transcript, and "Delete my data" clears the panel, the frame's storage and every
 * row about the visitor.
 */
@IntegrationTest
@Tag("browser")
class WidgetPrivacyBrowserTests {

	@Autowired
	TestSupport support;

	@Test
	void noticeIsAcceptedFirstTranscriptDownloadsAndDeleteMyDataLeavesNothing() {
		var owner = this.support.signUp("Browser Privacy");
		var bot = this.support.createBotWithQa(owner,
				"{\"name\":\"Florist\",\"model\":\"offline\",\"privacyNotice\":{\"text\":\"We keep chats **30 days**.\",\"required\":true}}",
				"When are you open?", "We are open Monday to Friday from 9:00 to 17:30.");
		var botId = UUID.fromString(bot.path("id").asString());
		var publicId = bot.path("publicId").asString();
		owner.session().post("/app/bots/" + botId + "/leads", "consentText", "", "privacyUrl", "https://florist.example/privacy");
		try (var browser = Browser.start()) {
			var js = (JavascriptExecutor) browser.driver();
			browser.open(this.support.baseUrl() + "/chat/" + publicId);
			var gate = browser.awaitVisible("[aria-label='Privacy notice']");
			assertThat(gate.getText()).contains("We keep chats 30 days.");
			assertThat(gate.findElement(By.cssSelector("strong")).getText()).isEqualTo("30 days");
			assertThat(gate.findElement(By.cssSelector("a")).getDomAttribute("href")).isEqualTo("https://florist.example/privacy");
			assertThat(browser.find("#sn-input").isEnabled()).as("nothing can be typed before accepting").isFalse();
			assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE bot_id = ?", botId)).isZero();

			gate.findElement(By.cssSelector("button")).click();
			browser.await(d -> d.findElement(By.id("sn-input")).isEnabled());
			assertThat(browser.driver().findElements(By.cssSelector("[aria-label='Privacy notice']"))).isEmpty();
			var visitorId = this.support.jdbc().sql("SELECT visitor_id FROM visitors_consent WHERE bot_id = ?").param(botId).query(UUID.class).single();

			browser.find("#sn-input").sendKeys("When are you open?", Keys.ENTER);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("Monday to Friday"));

			js.executeScript("window.transcripts = []; var create = URL.createObjectURL;"
					+ "URL.createObjectURL = function (blob) { blob.text().then(function (t) { window.transcripts.push(t); }); return create.call(URL, blob); };");
			browser.find("#sn-menu-button").click();
			browser.find("[data-action=download]").click();
			browser.await(d -> ((Number) js.executeScript("return window.transcripts.length")).intValue() > 0);
			var transcript = (String) js.executeScript("return window.transcripts[0]");
			assertThat(transcript).startsWith("Conversation with Florist").contains("You:\n  When are you open?")
				.contains("Florist:\n  ").contains("Monday to Friday").containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

			assertThat(js.executeScript("return localStorage.getItem('softnode:" + publicId + "')")).isNotNull();
			browser.find("#sn-menu-button").click();
			browser.find("[data-action=delete]").click();
			browser.awaitVisible("#sn-confirm [data-action=erase]").click();
			browser.await(d -> d.findElement(By.id("sn-note")).getText().contains("Your data has been deleted."));
			assertThat(browser.find("#sn-log").getText()).doesNotContain("When are you open?").doesNotContain("Monday to Friday");
			assertThat(js.executeScript("return localStorage.getItem('softnode:" + publicId + "')")).isNull();
			assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE visitor_id = ?", visitorId)).isZero();
			assertThat(this.support.count("SELECT COUNT(*) FROM chat_message m JOIN chat_conversation c ON c.id = m.conversation_id WHERE c.bot_id = ?",
					botId)).isZero();
			assertThat(this.support.count("SELECT COUNT(*) FROM visitors_visitor WHERE id = ?", visitorId)).isZero();
			assertThat(this.support.count("SELECT COUNT(*) FROM visitors_consent WHERE visitor_id = ?", visitorId)).isZero();
			assertThat(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE visitor_id = ?", visitorId)).isZero();
			browser.awaitVisible("[aria-label='Privacy notice']");
			assertThat(browser.find("#sn-input").isEnabled()).as("a visitor who withdrew consent is asked again").isFalse();
		}
	}

}
