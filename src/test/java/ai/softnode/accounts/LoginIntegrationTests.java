package ai.softnode.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class LoginIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void signsInAndOut() {
		var user = this.support.signUp("Login User");
		var browser = this.support.session();
		assertThat(browser.get("/app/settings/profile").statusCode()).as("anonymous is sent to login").isEqualTo(302);
		browser.signIn(user.email().toUpperCase(), user.password());
		assertThat(browser.get("/app/settings/profile").statusCode()).isEqualTo(200);
		var out = browser.post("/logout");
		assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
		assertThat(browser.get("/app/settings/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void unknownAndKnownEmailsFailAlike() {
		var user = this.support.signUp("Alike User");
		var known = this.support.session().post("/login", "email", user.email(), "password", "wrong password here");
		var unknown = this.support.session().post("/login", "email", TestSupport.uniqueEmail("nobody"), "password", "wrong password here");
		assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(302);
		assertThat(known.headers().firstValue("Location")).isEqualTo(unknown.headers().firstValue("Location"));
		var page = this.support.session().get("/login?error");
		assertThat(page.body()).contains("Email or password is incorrect.");
	}

	@Test
	void throttlesAttemptsPerAccountEvenWithTheRightPassword() {
		var user = this.support.signUp("Throttled User");
		for (int i = 0; i < 5; i++) {
			var attempt = this.support.session().post("/login", "email", user.email(), "password", "wrong password " + i);
			assertThat(attempt.headers().firstValue("Location").orElse("")).endsWith("/login?error");
		}
		var blocked = this.support.session().post("/login", "email", user.email(), "password", user.password());
		assertThat(blocked.headers().firstValue("Location").orElse("")).contains("/login?throttled=");
		assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		var page = this.support.session().get("/login?throttled=15");
		assertThat(page.statusCode()).isEqualTo(429);
		assertThat(page.body()).contains("Too many sign-in attempts");
	}

	@Test
	void throttlesAttemptsPerClientAddress() {
		var ip = "203.0.113.77";
		String location = "";
		for (int i = 0; i < 41; i++) {
			location = this.support.session().from(ip).post("/login", "email", TestSupport.uniqueEmail("spray"), "password", "x" + i)
				.headers().firstValue("Location").orElse("");
		}
		assertThat(location).contains("/login?throttled=");
		var other = this.support.session().post("/login", "email", TestSupport.uniqueEmail("other"), "password", "x");
		assertThat(other.headers().firstValue("Location").orElse("")).as("other addresses are unaffected").endsWith("/login?error");
	}

	@Test
	void postingWithoutCsrfTokenIsRefused() {
		var response = this.support.session().postRaw("/signup", "name=A&email=a%40example.com&password=long+enough+pass&company=C");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
	}

}
