package ai.softnode.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class ProfileIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void correctsNameAndCompanyAtOnceAndEmailAfterConfirmation() {
		var user = this.support.signUp("Profile User");
		var newEmail = TestSupport.uniqueEmail("moved");
		var saved = user.session().post("/app/settings/profile", "name", "Profile Renamed", "email", newEmail, "company", "Renamed Co");
		assertThat(saved.statusCode()).isEqualTo(302);
		var page = user.session().follow(saved);
		assertThat(page.body()).contains("Profile Renamed").contains("Renamed Co").contains("Waiting for confirmation of");
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE id = ? AND email = ?", user.id(), user.email()))
			.as("email unchanged until confirmed").isEqualTo(1);

		var mail = this.support.awaitMail(newEmail, "verify-email");
		assertThat(user.session().get(TestSupport.linkPath(mail)).statusCode()).isEqualTo(200);
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE id = ? AND email = ? AND email_verified", user.id(), newEmail))
			.isEqualTo(1);
		var again = this.support.session();
		again.signIn(newEmail, user.password());
	}

	@Test
	void rejectsInvalidProfileWithMessagesAndKeepsData() {
		var user = this.support.signUp("Careful User");
		var response = user.session().post("/app/settings/profile", "name", "", "email", "broken@", "company", "x".repeat(101));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Enter your name.").contains("Use at most 100 characters.");
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE id = ? AND name = 'Careful User'", user.id())).isEqualTo(1);
	}

	@Test
	void passwordChangeNeedsCurrentPasswordAndEndsOtherSessions() {
		var user = this.support.signUp("Changer User");
		var laptop = this.support.session();
		laptop.signIn(user.email(), user.password());
		var wrong = user.session().post("/app/settings/password", "currentPassword", "not my password", "newPassword", "fresh secret phrase 1");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("Your current password is not correct.");
		var changed = user.session().post("/app/settings/password", "currentPassword", user.password(), "newPassword", "fresh secret phrase 1");
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(user.session().get("/app/settings/profile").statusCode()).as("this session stays").isEqualTo(200);
		assertThat(laptop.get("/app/settings/profile").statusCode()).as("other session ended").isEqualTo(302);
	}

}
