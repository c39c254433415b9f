package ai.softnode.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.softnode.support.TestSupport;
import ai.softnode.support.WebSession;

/** The operator of the test installation: {@code softnode.admin-emails} of the test profile lists these addresses. */
final class Operators {

	static final String EMAIL = "operator@softnode.test";

	static final String PASSWORD = "quiet harbour lantern 7";

	/** One session for all tests of a server: signing in every time would run into the sign-in throttle. */
	private static final Map<String, WebSession> sessions = new ConcurrentHashMap<>();

	private Operators() {
	}

	/** A signed-in session of the operator, whose address is confirmed. */
	static WebSession operator(TestSupport support) {
		return sessions.computeIfAbsent(support.baseUrl(), base -> signUpOrSignIn(support, EMAIL, true));
	}

	static synchronized WebSession signUpOrSignIn(TestSupport support, String email, boolean confirm) {
		var session = support.session();
		if (support.count("SELECT COUNT(*) FROM accounts_user WHERE email = ?", email) == 0) {
			var created = session.post("/signup", "name", "Operator", "email", email, "password", PASSWORD, "company",
					"Operator Ltd");
			assertThat(created.statusCode()).isEqualTo(302);
			if (confirm) {
				var link = TestSupport.linkPath(support.awaitMail(email, "verify-email"));
				assertThat(session.get(link).statusCode()).isEqualTo(200);
			}
			return session;
		}
		session.signIn(email, PASSWORD);
		return session;
	}

}
