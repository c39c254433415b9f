package ai.softnode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.Browser;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** The main dashboard flow in a real browser: sign up, create and edit a bot, sign out and in again. */
@IntegrationTest
@Tag("browser")
class DashboardBrowserTests {

	@Autowired
	TestSupport support;

	@Test
	void signUpCreateAndEditABotSignOutAndBackIn() {
		var email = TestSupport.uniqueEmail("browser");
		var password = "a long browser secret";
		try (var browser = Browser.start()) {
			browser.open(this.support.baseUrl() + "/signup");
			browser.type("#name", "Brenda Browser");
			browser.type("#email", email);
			browser.type("#password", password);
			browser.type("#company", "Browser Bakery");
			browser.find("form[action='/signup'] button[type=submit]").click();

			browser.await(d -> d.getCurrentUrl().contains("/app"));
			assertThat(browser.find("main").getText()).contains("Create your first bot");
			assertThat(browser.find(".topbar").getText()).contains("Brenda Browser").contains("Browser Bakery");

			browser.driver().findElement(By.linkText("Create your first bot")).click();
			browser.awaitVisible("#name");
			browser.type("#name", "Bakery Helper");
			browser.type("#instructions", "Answer questions about our breads.");
			browser.find("form[action='/app/bots'] button[type=submit]").click();
			browser.await(d -> d.getPageSource().contains("is ready"));
			assertThat(browser.find("#embed-snippet").getText()).contains("/widget.js").contains("data-bot=");

			browser.driver().findElement(By.linkText("Change settings")).click();
			browser.awaitVisible("#greeting");
			browser.type("#greeting", "Welcome to the bakery!");
			browser.find("form.settings-form button[type=submit]").click();
			browser.await(d -> d.getPageSource().contains("saved"));
			assertThat(browser.find("#greeting").getAttribute("value")).isEqualTo("Welcome to the bakery!");

			browser.driver().findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
			browser.await(d -> d.getCurrentUrl().contains("/login"));
			assertThat(browser.find("main").getText()).contains("You have been signed out");

			browser.type("#email", email);
			browser.type("#password", password);
			browser.find("form[action='/login'] button[type=submit]").click();
			browser.await(d -> d.getCurrentUrl().endsWith("/app"));
			assertThat(browser.find("main").getText()).contains("Bakery Helper");
		}
	}

}
