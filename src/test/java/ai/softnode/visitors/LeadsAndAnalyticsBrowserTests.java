package ai.softnode.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.Browser;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/**
 * In a real browser: the chat frame asks for contact details after the configured number of
 * messages, validates them, sends them; the owner finds the lead in the dashboard and the analytics
 * page draws its chart.
 */
@IntegrationTest
@Tag("browser")
class LeadsAndAnalyticsBrowserTests {

	@Autowired
	TestSupport support;

	@Test
	void leadFormAfterConfiguredMessagesReachesTheDashboardAndAnalyticsChartRenders() {
		var owner = this.support.signUp("Browser Leads");
		var bot = this.support.createBotWithQa(owner,
				"{\"name\":\"Bike shop\",\"model\":\"offline\",\"leadCapture\":{\"mode\":\"AFTER_MESSAGES\",\"afterMessages\":2,\"fields\":[\"name\",\"email\"]}}",
				"When are you open?", "We are open Monday to Friday from 9:00 to 17:30.");
		try (var browser = Browser.start()) {
			browser.open(this.support.baseUrl() + "/chat/" + bot.path("publicId").asString());
			browser.awaitVisible("#sn-input").sendKeys("When are you open?", Keys.ENTER);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("Monday to Friday"));
			assertThat(browser.driver().findElements(By.cssSelector("form.lead"))).isEmpty();
			browser.find("#sn-input").sendKeys("Do you repair tandems?", Keys.ENTER);
			browser.awaitVisible("form.lead");
			assertThat(browser.find("form.lead").getText()).contains("I agree that Bike shop");
			browser.find("form.lead input[name=name]").sendKeys("Tess Tandem");
			browser.find("form.lead input[name=email]").sendKeys("not-an-email");
			browser.find("form.lead button[type=submit]").click();
			browser.await(d -> d.findElement(By.cssSelector("form.lead")).getText().contains("valid email address"));
			assertThat(browser.find("form.lead").getText()).contains("tick the box");
			var email = browser.find("form.lead input[name=email]");
			email.clear();
			email.sendKeys("tess@example.com");
			browser.find("form.lead input[name=consent]").click();
			browser.find("form.lead button[type=submit]").click();
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("We will get back to you at tess@example.com"));
			assertThat(browser.driver().findElements(By.cssSelector("form.lead"))).isEmpty();

			browser.open(this.support.baseUrl() + "/login");
			browser.type("#email", owner.email());
			browser.type("#password", owner.password());
			browser.find("form[action='/login'] button[type=submit]").click();
			browser.await(d -> d.getCurrentUrl().endsWith("/app"));
			browser.open(this.support.baseUrl() + "/app/leads");
			browser.await(d -> d.findElement(By.id("leads")).getText().contains("tess@example.com"));
			assertThat(browser.find("#leads").getText()).contains("Tess Tandem");

			browser.open(this.support.baseUrl() + "/app/analytics?days=7&bot=" + bot.path("id").asString());
			browser.await(d -> "7".equals(d.findElement(By.id("analytics-chart")).getDomAttribute("data-rendered")));
			assertThat(browser.find("#totals").getText()).contains("Conversations").contains("Leads");
			assertThat(browser.find("#unanswered").getText()).contains("Do you repair tandems?");
			assertThat(browser.find("footer").getText()).contains("NRO");
		}
	}

	@Test
	void whenUnansweredModeOffersTheFormOnlyAfterAnUnansweredReplyWithTheOwnersQuestion() {
		var owner = this.support.signUp("Browser Unanswered");
		var bot = this.support.createBotWithQa(owner,
				"{\"name\":\"Tyre shop\",\"model\":\"offline\",\"leadCapture\":{\"mode\":\"WHEN_UNANSWERED\",\"fields\":[\"email\"],"
						+ "\"question\":\"Which bike do you ride?\",\"questionRequired\":true}}",
				"When are you open?", "We are open Monday to Friday from 9:00 to 17:30.");
		try (var browser = Browser.start()) {
			browser.open(this.support.baseUrl() + "/chat/" + bot.path("publicId").asString());
			assertThat(browser.driver().findElements(By.cssSelector("form.lead"))).as("not before the chat").isEmpty();
			browser.awaitVisible("#sn-input").sendKeys("When are you open?", Keys.ENTER);
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("Monday to Friday"));
			assertThat(browser.driver().findElements(By.cssSelector("form.lead"))).as("not after an answer").isEmpty();
			browser.find("#sn-input").sendKeys("Do you fit tubeless tyres?", Keys.ENTER);
			browser.awaitVisible("form.lead");
			assertThat(browser.find("form.lead").getText()).contains("Leave your email and we will get back to you")
				.contains("Which bike do you ride?");
			browser.find("form.lead input[name=email]").sendKeys("rider@example.com");
			browser.find("form.lead input[name=consent]").click();
			browser.find("form.lead button[type=submit]").click();
			browser.await(d -> d.findElement(By.cssSelector("form.lead")).getText().contains("Please answer the question."));
			browser.find("form.lead input[name=answer]").sendKeys("A gravel bike");
			browser.find("form.lead button[type=submit]").click();
			browser.await(d -> d.findElement(By.id("sn-log")).getText().contains("We will get back to you at rider@example.com"));
		}
		var leadId = this.support.jdbc().sql("SELECT id FROM visitors_lead WHERE bot_id = ? AND answer = 'A gravel bike'")
			.param(java.util.UUID.fromString(bot.path("id").asString())).query(String.class).single();
		assertThat(owner.session().get("/app/leads/" + leadId).body()).contains("Which bike do you ride?").contains("A gravel bike");
	}

}
