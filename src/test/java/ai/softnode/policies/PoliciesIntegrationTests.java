package ai.softnode.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

import ai.softnode.platform.Audited;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.WebSession;

@IntegrationTest
class PoliciesIntegrationTests {

	static final String OPERATOR = Operators.EMAIL;

	@Autowired
	TestSupport support;

	@Autowired
	ApplicationEventMulticaster multicaster;

	@Autowired
	PoliciesPersonalData personalData;

	final List<Audited> audited = new CopyOnWriteArrayList<>();

	final ApplicationListener<PayloadApplicationEvent<?>> auditListener = event -> {
		if (event.getPayload() instanceof Audited entry) {
			this.audited.add(entry);
		}
	};

	@BeforeEach
	void listen() {
		this.multicaster.addApplicationListener(this.auditListener);
	}

	@AfterEach
	void stopListening() {
		this.multicaster.removeApplicationListener(this.auditListener);
	}

	@Test
	void refusesEveryoneButAConfirmedOperatorAtAdmin() {
		var anonymous = this.support.session();
		assertThat(anonymous.get("/admin").statusCode()).isEqualTo(302);

		var user = this.support.signUp("Not Operator");
		for (var path : List.of("/admin", "/admin?edit=TERMS", "/admin/requests/" + UUID.randomUUID())) {
			var page = user.session().get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(403);
			assertThat(page.body()).contains("This page is for the operator of this installation.");
		}
		var before = this.support.count("SELECT COUNT(*) FROM policies_version");
		assertThat(user.session().post("/admin/policies", "kind", "PRIVACY", "title", "Privacy policy", "summary", "Sneaky",
				"body", "Nothing").statusCode()).isEqualTo(403);
		assertThat(user.session().post("/admin/news", "subject", "Spam", "body", "Spam").statusCode()).isEqualTo(403);
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_version")).isEqualTo(before);
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_news WHERE subject = 'Spam'")).isZero();

		// Listed in SOFTNODE_ADMIN_EMAILS but the address is not confirmed: anyone could have signed up with it.
		var unconfirmed = signUpOrSignIn("unconfirmed-operator@softnode.test", false);
		assertThat(unconfirmed.get("/admin").statusCode()).isEqualTo(403);

		var operator = operator();
		var admin = operator.get("/admin");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("Publish a new version").contains("Privacy contact requests").contains("Feature use")
			.as("the header shows who is signed in, with a way out").contains("href=\"/app/settings/profile\" class=\"user\"")
			.contains("Sign out");
		assertThat(this.support.session().postRaw("/admin/news", "subject=x&body=y").statusCode()).as("no CSRF token")
			.isEqualTo(403);
	}

	@Test
	void publishingAVersionShowsABannerUntilAcknowledgedAndMailsEveryUser() {
		var user = this.support.signUp("Banner Reader");
		var operator = operator();
		assertThat(user.session().get("/app").body()).doesNotContain("policy-banner-privacy");

		var invalid = operator.post("/admin/policies", "kind", "PRIVACY", "title", "Privacy policy", "summary", " ", "body", "");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("Say in a few words what changed").contains("Enter the text.");
		var before = this.support.count("SELECT COUNT(*) FROM policies_version WHERE kind = 'PRIVACY'");

		var summary = "Contact form added " + UUID.randomUUID().toString().substring(0, 8);
		var published = operator.post("/admin/policies", "kind", "PRIVACY", "title", "Privacy policy", "summary", summary,
				"body", "We changed things.\n\n## New section\n\n- **Bold** promise\n- <script>alert(1)</script>");
		assertThat(published.statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_version WHERE kind = 'PRIVACY'")).isEqualTo(before + 1);
		var version = (int) this.support.count("SELECT MAX(version) FROM policies_version WHERE kind = 'PRIVACY'");

		var dashboard = user.session().get("/app/bots").body();
		assertThat(dashboard).contains("id=\"policy-banner-privacy\"").contains(summary).contains("I have read it");
		assertThat(this.support.awaitMail(user.email(), "policy-update")).contains("version " + version).contains(summary)
			.contains("/privacy");
		assertThat(this.support.count(
				"SELECT COUNT(*) FROM notifications_outbox WHERE kind = 'policy-update' AND body_text LIKE ?", "%" + summary + "%"))
			.as("one mail per user").isEqualTo(this.support.count("SELECT COUNT(*) FROM accounts_user"));

		var newcomer = this.support.signUp("Later Signup");
		assertThat(newcomer.session().get("/app").body()).as("accepted the current version when signing up")
			.doesNotContain("policy-banner-privacy");

		var versionId = this.support.jdbc().sql("SELECT id FROM policies_version WHERE kind = 'PRIVACY' AND version = :v")
			.param("v", version).query(UUID.class).single();
		var ack = user.session().post("/app/policies/" + versionId + "/acknowledge", "next", "/app/bots");
		assertThat(ack.statusCode()).isEqualTo(302);
		assertThat(ack.headers().firstValue("Location").orElseThrow()).endsWith("/app/bots");
		assertThat(user.session().get("/app/bots").body()).doesNotContain("policy-banner-privacy");
		var at = this.support.jdbc().sql("SELECT acknowledged_at FROM policies_acknowledgement WHERE user_id = :u AND version_id = :v")
			.param("u", user.id()).param("v", versionId).query(OffsetDateTime.class).single();
		assertThat(at).isNotNull();
		assertThat(this.audited).anyMatch(e -> e.action().equals("policy.acknowledged") && user.id().equals(e.actorId())
				&& e.target().equals("Privacy policy version " + version));
		var offsite = user.session().post("/app/policies/" + versionId + "/acknowledge", "next", "//evil.example/app");
		assertThat(offsite.headers().firstValue("Location").orElseThrow()).endsWith("/app").doesNotContain("evil");

		var privacy = this.support.session().get("/privacy");
		assertThat(privacy.statusCode()).isEqualTo(200);
		assertThat(privacy.body()).contains("Version " + version + ", published").contains("<strong>Bold</strong> promise")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
			.contains("Change history").contains(summary).contains("href=\"/privacy?version=1\"");
		var first = this.support.session().get("/privacy?version=1");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("This is an earlier version").contains("Who we process data for");
		assertThat(this.support.session().get("/privacy?version=999").statusCode()).isEqualTo(404);
	}

	@Test
	void privacyPageListsWhereDataGoesFromThisInstallationsSettings() {
		var page = this.support.session().get("/privacy");
		assertThat(page.statusCode()).isEqualTo(200);
		var flows = page.body().substring(page.body().indexOf("id=\"data-flows\""));
		assertThat(flows).contains("No model provider; offline answerer").contains("No payment provider; billing is off")
			.contains("mails are written to files on this server").contains("bundled country database");
		var terms = this.support.session().get("/terms");
		assertThat(terms.statusCode()).isEqualTo(200);
		assertThat(terms.body()).contains("Terms of use").contains("Change history").contains("Version 1")
			.doesNotContain("id=\"data-flows\"");
	}

	@Test
	void contactFormValidatesAndTheOperatorAnswersByMail() {
		var visitor = this.support.session();
		var name = "Requester " + UUID.randomUUID().toString().substring(0, 8);
		var bad = visitor.post("/privacy", "name", name, "email", "not-an-address", "message", "Please delete my data.");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).containsPattern(Pattern.compile("id=\"email-error\"[^>]*>Enter an email address like name@example.com"));
		var empty = visitor.post("/privacy", "name", "", "email", "", "message", "");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("Enter your name.").contains("Write your message.");
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_contact_request WHERE name = ?", name)).isZero();
		assertThat(visitor.postRaw("/privacy", "name=x&email=x%40example.com&message=hi").statusCode()).as("no CSRF token")
			.isEqualTo(403);

		var email = TestSupport.uniqueEmail("requester");
		var sent = visitor.post("/privacy", "name", name, "email", email.toUpperCase(), "message", "What do you keep about me?\nThanks");
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(visitor.follow(sent).body()).contains("your message has been sent");
		var id = this.support.jdbc().sql("SELECT id FROM policies_contact_request WHERE email = :e").param("e", email)
			.query(UUID.class).single();
		assertThat(this.support.awaitMail(OPERATOR, "privacy-request")).contains("/admin/requests/");

		var operator = operator();
		assertThat(operator.get("/admin").body()).contains(name).contains(email);
		assertThat(operator.get("/admin/requests/" + id).body()).contains("What do you keep about me?");
		var blank = operator.post("/admin/requests/" + id + "/answer", "answer", "  ");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("Write an answer.");
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_contact_request WHERE id = ? AND answered_at IS NULL", id))
			.isEqualTo(1);

		var answered = operator.post("/admin/requests/" + id + "/answer", "answer", "We keep your name and email only.");
		assertThat(answered.statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_contact_request WHERE id = ? AND answered_at IS NOT NULL"
				+ " AND answered_by = ?", id, OPERATOR)).isEqualTo(1);
		assertThat(this.support.awaitMail(email, "privacy-answer")).contains("We keep your name and email only.")
			.contains("> What do you keep about me?\n> Thanks");
		var again = operator.post("/admin/requests/" + id + "/answer", "answer", "Twice");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("already been answered");
		assertThat(operator.get("/admin/requests/" + id).body()).contains("We keep your name and email only.");
	}

	@Test
	void contactFormIsRateLimitedPerClientAddress() {
		var visitor = this.support.session();
		var email = TestSupport.uniqueEmail("eager");
		for (int i = 0; i < PolicyPagesController.CONTACTS_PER_IP.capacity(); i++) {
			assertThat(visitor.post("/privacy", "name", "Eager", "email", email, "message", "Message " + i).statusCode()).isEqualTo(302);
		}
		var refused = visitor.post("/privacy", "name", "Eager", "email", email, "message", "One too many");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).contains("please try again later");
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_contact_request WHERE email = ?", email))
			.isEqualTo(PolicyPagesController.CONTACTS_PER_IP.capacity());
	}

	@Test
	void consentChoicesAreRecordedWithTimeAndNewsGoesOnlyToUsersOptedInWhenSending() {
		var reader = this.support.signUp("News Reader");
		var changer = this.support.signUp("Mind Changer");
		var silent = this.support.signUp("Silent User");

		var page = reader.session().get("/app/settings/consents");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Product news by email").contains("Product-improvement analytics")
			.doesNotContain("checked").contains("You have not changed anything yet.");

		assertThat(reader.session().post("/app/settings/consents", "news", "true").statusCode()).isEqualTo(302);
		assertThat(changer.session().post("/app/settings/consents", "news", "true", "analytics", "true").statusCode()).isEqualTo(302);
		assertThat(changer.session().post("/app/settings/consents", "analytics", "true").statusCode()).isEqualTo(302);

		var shown = reader.session().get("/app/settings/consents").body();
		assertThat(shown).containsPattern("id=\"news\"[^>]*checked").doesNotContainPattern("id=\"analytics\"[^>]*checked")
			.contains("Turned on");
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_consent_change WHERE user_id = ?", changer.id()))
			.as("news on, analytics on, news off").isEqualTo(3);
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_consent_change WHERE user_id = ? AND purpose = 'NEWS'"
				+ " AND granted = FALSE AND changed_at IS NOT NULL", changer.id())).isEqualTo(1);
		assertThat(this.audited).anyMatch(e -> e.action().equals("consent.granted") && reader.id().equals(e.actorId())
				&& e.target().equals("Product news by email") && e.workspace().equals(new WorkspaceId(reader.workspaceId())));
		assertThat(this.audited).anyMatch(e -> e.action().equals("consent.withdrawn") && changer.id().equals(e.actorId()));

		var operator = operator();
		var subject = "New widget themes " + UUID.randomUUID().toString().substring(0, 8);
		var invalid = operator.post("/admin/news", "subject", "", "body", "Text");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("Enter a subject.");
		assertThat(operator.post("/admin/news", "subject", subject, "body", "Try the dark theme.").statusCode()).isEqualTo(302);
		assertThat(this.support.awaitMail(reader.email(), "product-news")).contains("Try the dark theme.")
			.contains("/app/settings/consents");
		for (var other : List.of(changer, silent)) {
			assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ? AND kind = 'product-news'",
					other.email().toLowerCase())).as(other.name()).isZero();
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE kind = 'product-news' AND subject = ?", subject))
			.isEqualTo(this.support.count("SELECT COUNT(*) FROM policies_consent WHERE purpose = 'NEWS' AND granted = TRUE"));
	}

	@Test
	void featureUseIsCountedAnonymouslyOnlyForConsentingUsers() {
		var consenting = this.support.signUp("Counted User");
		var declining = this.support.signUp("Uncounted User");
		var feature = "GET /app/settings/api-keys";

		var start = uses(feature);
		declining.session().get("/app/settings/api-keys");
		declining.session().get("/app/settings/api-keys");
		assertThat(uses(feature)).as("no consent, no count").isEqualTo(start);

		consenting.session().post("/app/settings/consents", "analytics", "true");
		consenting.session().get("/app/settings/api-keys");
		consenting.session().get("/app/settings/api-keys");
		assertThat(uses(feature)).isEqualTo(start + 2);
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_feature_use WHERE feature LIKE ?", "%" + consenting.id() + "%"))
			.isZero();

		consenting.session().post("/app/settings/consents");
		consenting.session().get("/app/settings/api-keys");
		assertThat(uses(feature)).as("withdrawn at once").isEqualTo(start + 2);
		assertThat(operator().get("/admin").body()).contains(feature);
	}

	@Test
	void exportsAndErasesAUsersRecords() throws IOException {
		var user = this.support.signUp("Data Subject");
		user.session().post("/app/settings/consents", "news", "true");
		this.support.session().post("/privacy", "name", "Data Subject", "email", user.email(), "message", "Hello there");

		var files = new LinkedHashMap<String, String>();
		this.personalData.exportWorkspace(new WorkspaceId(user.workspaceId()), archive(files));
		assertThat(files.get("policies/people.json")).contains(user.email()).contains("\"purpose\" : \"news\"")
			.contains("Hello there");

		this.personalData.eraseUser(user.id(), user.email());
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_consent WHERE user_id = ?", user.id())).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_consent_change WHERE user_id = ?", user.id())).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_acknowledgement WHERE user_id = ?", user.id())).isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM policies_contact_request WHERE email = ?", user.email())).isZero();
	}

	private static ExportArchive archive(Map<String, String> files) {
		return (path, description, body) -> {
			var out = new ByteArrayOutputStream();
			body.writeTo(out);
			files.put(path, out.toString(java.nio.charset.StandardCharsets.UTF_8));
		};
	}

	private long uses(String feature) {
		return this.support.jdbc().sql("SELECT COALESCE(SUM(uses), 0) FROM policies_feature_use WHERE feature = :f")
			.param("f", feature).query(Long.class).single();
	}

	private WebSession operator() {
		return Operators.operator(this.support);
	}

	private WebSession signUpOrSignIn(String email, boolean confirm) {
		return Operators.signUpOrSignIn(this.support, email, confirm);
	}

}
