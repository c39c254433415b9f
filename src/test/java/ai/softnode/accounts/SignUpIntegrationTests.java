package ai.softnode.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class SignUpIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void signUpCreatesUserWorkspaceOwnerAndVerificationMail() {
		var user = this.support.signUp("Ada Lovelace");
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_member WHERE user_id = ? AND role = 'OWNER'", user.id())).isEqualTo(1);
		assertThat(this.support.jdbc().sql("SELECT name FROM workspaces_workspace WHERE id = :id").param("id", user.workspaceId())
			.query(String.class).single()).isEqualTo("Ada Lovelace Ltd");
		var mail = this.support.awaitMail(user.email(), "verify-email");
		assertThat(mail).contains("http://localhost:8080/verify-email?token=");
		var home = user.session().get("/app/settings/profile");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Please confirm your email address");

		var verified = user.session().get(TestSupport.linkPath(mail));
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(verified.body()).contains("is confirmed");
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE id = ? AND email_verified", user.id())).isEqualTo(1);
		assertThat(user.session().get(TestSupport.linkPath(mail)).statusCode()).as("links are single-use").isEqualTo(400);
	}

	@Test
	void rejectsTakenEmailWithoutWritingRows() {
		var existing = this.support.signUp("Grace Hopper");
		var before = this.support.count("SELECT COUNT(*) FROM accounts_user");
		var response = this.support.session().post("/signup", "name", "Someone", "email", existing.email().toUpperCase(),
				"password", "another long secret 42", "company", "Other");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("An account with this email already exists");
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user")).isEqualTo(before);
	}

	@Test
	void rejectsWeakPasswordMalformedEmailAndOverlongName() {
		var workspacesBefore = this.support.count("SELECT COUNT(*) FROM workspaces_workspace");
		var usersBefore = this.support.count("SELECT COUNT(*) FROM accounts_user");
		var weak = this.support.session().post("/signup", "name", "Weak", "email", TestSupport.uniqueEmail("weak"),
				"password", "password123", "company", "W");
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("too easy to guess");
		var shortOne = this.support.session().post("/signup", "name", "Short", "email", TestSupport.uniqueEmail("short"),
				"password", "abc", "company", "S");
		assertThat(shortOne.body()).contains("Use at least 10 characters.");
		var malformed = this.support.session().post("/signup", "name", "Mal", "email", "not-an-email@",
				"password", "a perfectly fine secret", "company", "M");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("Enter a valid email address");
		var overlong = this.support.session().post("/signup", "name", "x".repeat(101), "email", TestSupport.uniqueEmail("long"),
				"password", "a perfectly fine secret", "company", "L");
		assertThat(overlong.statusCode()).isEqualTo(400);
		assertThat(overlong.body()).contains("Use at most 100 characters.");
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user")).isEqualTo(usersBefore);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_workspace")).isEqualTo(workspacesBefore);
	}

	@Test
	void extraFieldsCannotBeMassAssigned() {
		var email = TestSupport.uniqueEmail("mass");
		var response = this.support.session().post("/signup", "name", "Mass", "email", email, "password", "a perfectly fine secret",
				"company", "M", "emailVerified", "true", "role", "ADMIN", "workspaceId", "00000000-0000-0000-0000-000000000000");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE email = ? AND NOT email_verified", email)).isEqualTo(1);
		assertThat(this.support.count("""
				SELECT COUNT(*) FROM workspaces_member m JOIN accounts_user u ON u.id = m.user_id
				WHERE u.email = ? AND m.role = 'OWNER' AND m.workspace_id <> '00000000-0000-0000-0000-000000000000'""", email)).isEqualTo(1);
	}

}
