package ai.softnode.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class PasswordResetIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void resetLinkSetsNewPasswordOnceAndEndsEverySession() {
		var user = this.support.signUp("Reset User");
		var otherDevice = this.support.session();
		otherDevice.signIn(user.email(), user.password());
		assertThat(otherDevice.get("/app/settings/profile").statusCode()).isEqualTo(200);

		var answer = this.support.session().post("/forgot-password", "email", user.email());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("If an account exists for that address");
		var mail = this.support.awaitMail(user.email(), "password-reset");
		assertThat(mail).contains("http://localhost:8080/reset-password?token=");
		var link = TestSupport.linkPath(mail);
		var token = link.substring(link.indexOf("token=") + 6);
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_token WHERE token_hash = ?", token))
			.as("only the hash is stored").isZero();

		var browser = this.support.session();
		assertThat(browser.get(link).statusCode()).isEqualTo(200);
		var weak = browser.post("/reset-password", "token", token, "password", "password123");
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("too easy to guess");
		var done = browser.post("/reset-password", "token", token, "password", "a brand new secret phrase");
		assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?reset");

		assertThat(otherDevice.get("/app/settings/profile").statusCode()).as("other sessions ended").isEqualTo(302);
		assertThat(user.session().get("/app/settings/profile").statusCode()).isEqualTo(302);
		var again = this.support.session().post("/reset-password", "token", token, "password", "yet another secret phrase");
		assertThat(again.statusCode()).as("single use").isEqualTo(400);
		assertThat(again.body()).contains("expired or was already used");

		var fresh = this.support.session();
		fresh.signIn(user.email(), "a brand new secret phrase");
		assertThat(fresh.get("/app/settings/profile").statusCode()).isEqualTo(200);
	}

	@Test
	void unknownAddressGetsTheSameAnswerAndNoMail() {
		var email = TestSupport.uniqueEmail("ghost");
		var answer = this.support.session().post("/forgot-password", "email", email);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("If an account exists for that address");
		TestSupportSleep.sleep(Duration.ofMillis(500));
		assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ?", email)).isZero();
	}

	@Test
	void resetRequestsAreThrottledPerAccount() {
		var user = this.support.signUp("Flood User");
		for (int i = 0; i < 3; i++) {
			assertThat(this.support.session().post("/forgot-password", "email", user.email()).statusCode()).isEqualTo(200);
		}
		var blocked = this.support.session().post("/forgot-password", "email", user.email());
		assertThat(blocked.statusCode()).isEqualTo(429);
		assertThat(blocked.body()).contains("Too many reset requests");
	}

	@Test
	void forgedTokenShowsExpiredPage() {
		var page = this.support.session().get("/reset-password?token=forged-token-value");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("expired or was already used");
	}

	static final class TestSupportSleep {

		static void sleep(Duration duration) {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
