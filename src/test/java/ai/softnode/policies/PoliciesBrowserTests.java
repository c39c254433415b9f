package ai.softnode.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.Browser;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** In a real browser (no inline scripts, CSP on): the policy banner is acknowledged and a consent toggled. */
@IntegrationTest
@Tag("browser")
class PoliciesBrowserTests {

	@Autowired
	TestSupport support;

	@Test
	void acknowledgesANewTermsVersionAndTurnsOnProductNews() {
		var email = TestSupport.uniqueEmail("banner");
		try (var browser = Browser.start()) {
			try {
				browser.open(this.support.baseUrl() + "/signup");
				browser.type("#name", "Bea Banner");
				browser.type("#email", email);
				browser.type("#password", "a long browser secret");
				browser.type("#company", "Banner Bakery");
				browser.find("form[action='/signup'] button[type=submit]").click();
				browser.await(d -> d.getCurrentUrl().contains("/app"));

				var summary = "Clearer acceptable use " + UUID.randomUUID().toString().substring(0, 8);
				var published = Operators.operator(this.support).post("/admin/policies", "kind", "TERMS", "title", "Terms of use",
						"summary", summary, "body", "## 1. The service\n\nStill the same service.");
				assertThat(published.statusCode()).isEqualTo(302);

				browser.open(this.support.baseUrl() + "/app/settings/profile");
				var banner = browser.awaitVisible("#policy-banner-terms");
				assertThat(banner.getText()).contains(summary).contains("I have read it");
				banner.findElement(By.cssSelector("button[type=submit]")).click();
				browser.await(d -> d.getCurrentUrl().endsWith("/app/settings/profile")
						&& d.findElements(By.cssSelector("#policy-banner-terms")).isEmpty());

				browser.driver().findElement(By.linkText("Privacy choices")).click();
				browser.awaitVisible("#news").click();
				browser.find("form[action='/app/settings/consents'] button[type=submit]").click();
				browser.await(d -> d.getPageSource().contains("apply from now on"));
				assertThat(browser.find("#news").isSelected()).isTrue();
				assertThat(browser.find("#analytics").isSelected()).isFalse();
				assertThat(browser.find("#consent-history").getText()).contains("Product news by email").contains("Turned on");

				browser.open(this.support.baseUrl() + "/terms");
				assertThat(browser.find("main").getText()).contains("Still the same service.").contains(summary);
			}
			catch (RuntimeException | AssertionError ex) {
				browser.capture("policies-banner");
				throw ex;
			}
		}
	}

}
