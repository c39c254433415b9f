package ai.softnode.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.platform.Audited;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.RetentionPurge;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.PersonalDataHolder;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;

/**
 * The audit log through its real interfaces: actions done over HTTP show up on the settings page, in its
 * CSV and in the API, with the country of the client address; the log is private to its workspace,
 * expires, and takes part in export and erasure.
 */
@IntegrationTest
class AuditIntegrationTests {

	/** In the bundled country database: Great Britain. */
	private static final String GB_ADDRESS = "81.2.69.160";

	@Autowired
	TestSupport support;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	RetentionPurge purge;

	@Autowired
	List<PersonalDataHolder> holders;

	@Test
	void signInAndFailedSignInAreRecordedInEveryWorkspaceOfTheUserWithTheirCountry() {
		var owner = this.support.signUp("Audit Signin Owner");
		var member = join(owner, "ADMIN");
		var stranger = TestSupport.uniqueEmail("nobody");
		var browser = this.support.session().from(GB_ADDRESS);
		var failed = browser.post("/login", "email", member.email(), "password", "not the password");
		assertThat(failed.headers().firstValue("Location").orElse("")).contains("error");
		browser.post("/login", "email", stranger, "password", "whatever it is");
		browser.signIn(member.email(), member.password());

		for (var workspace : List.of(owner.workspaceId(), member.workspaceId())) {
			var signIns = entries(workspace, "auth.sign_in");
			assertThat(signIns).as("sign-in in workspace " + workspace).hasSize(1);
			assertThat(signIns.get(0)).containsEntry("actor", member.email()).containsEntry("country", "GB");
			var failures = entries(workspace, "auth.sign_in_failed");
			assertThat(failures).hasSize(1);
			assertThat(failures.get(0)).containsEntry("actor", member.email()).containsEntry("country", "GB");
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM audit_event WHERE LOWER(actor) = ? OR LOWER(target) LIKE ?",
				stranger, "%" + stranger + "%"))
			.as("an address nobody has is not stored").isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM audit_event WHERE actor = ? OR target LIKE ?", GB_ADDRESS, "%" + GB_ADDRESS + "%"))
			.as("the address itself is never stored").isZero();

		var page = owner.session().get("/app/settings/audit?action=auth.sign_in_failed");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Failed sign-in").contains(member.email()).contains(">GB<").doesNotContain(stranger);
	}

	@Test
	void apiKeyMemberAndBotChangesAppearWithWhoAndWhat() {
		var owner = this.support.signUp("Audit Change Owner");
		owner.session().from(GB_ADDRESS);
		var key = this.support.createApiKey(owner);
		var keyId = this.support.jdbc().sql("SELECT id FROM workspaces_api_key WHERE workspace_id = :ws").param("ws", owner.workspaceId())
			.query(UUID.class).single();
		var member = join(owner, "AGENT");
		owner.session().post("/app/settings/members/" + member.id() + "/role", "role", "ADMIN");
		owner.session().post("/app/settings/members/" + member.id() + "/remove");
		var api = this.support.api(key);
		var bot = api.post("/api/v1/bots", "{\"name\": \"Audited Helper\"}").json();
		var botId = bot.path("id").asString();
		assertThat(api.patch("/api/v1/bots/" + botId, "{\"name\": \"Audited Helper 2\"}").status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/bots/" + botId).status()).isEqualTo(204);
		owner.session().post("/app/settings/api-keys/" + keyId + "/revoke");

		var log = entriesByAction(owner.workspaceId());
		assertThat(log.get("api_key.created")).containsEntry("target", "test key").containsEntry("actor", owner.email())
			.containsEntry("country", "GB");
		assertThat(log.get("api_key.revoked")).containsEntry("target", "test key").containsEntry("actor", owner.email());
		assertThat(log.get("member.invited")).containsEntry("target", member.email() + " as Agent");
		assertThat(log.get("member.joined")).containsEntry("actor", member.email()).containsEntry("target", member.email() + " as Agent");
		assertThat(log.get("member.role_changed")).containsEntry("target", member.email() + ": Agent → Admin");
		assertThat(log.get("member.removed")).containsEntry("target", member.email()).containsEntry("actor", owner.email());
		assertThat(log.get("bot.created")).containsEntry("target", "Audited Helper").containsEntry("actor", "API key of " + owner.email());
		assertThat(log.get("bot.updated")).containsEntry("target", "Audited Helper 2");
		assertThat(log.get("bot.deleted")).containsEntry("target", "Audited Helper 2");

		var page = owner.session().get("/app/settings/audit");
		assertThat(page.body()).contains("API key created", "API key revoked", "Member invited", "Invitation accepted", "Role changed",
				"Member removed", "Bot created", "Bot settings changed", "Bot deleted", "Audited Helper 2");
	}

	@Test
	void filtersByActionActorAndDaysOnThePageTheCsvAndTheApi() {
		var owner = this.support.signUp("Audit Filter Owner");
		var admin = join(owner, "ADMIN");
		this.support.createBot(admin, "{\"name\": \"=HYPERLINK(\\\"http://evil.example\\\")\"}");
		var today = LocalDate.now(ZoneOffset.UTC);
		var session = owner.session();

		var byAction = session.get("/app/settings/audit?action=bot.created").body();
		assertThat(table(byAction)).contains("Bot created").doesNotContain("Member invited");
		assertThat(byAction).contains("<option value=\"bot.created\" selected=\"selected\">Bot created</option>");
		var byActor = table(session.get("/app/settings/audit?actor=" + admin.email().substring(0, 16).toUpperCase()).body());
		assertThat(byActor).contains("Invitation accepted", "API key created").doesNotContain("Member invited");
		assertThat(session.get("/app/settings/audit?from=" + today.plusDays(1)).body()).contains("0 entries").doesNotContain("<table");
		assertThat(session.get("/app/settings/audit?to=" + today.minusDays(1)).body()).contains("0 entries");
		assertThat(table(session.get("/app/settings/audit?from=" + today + "&to=" + today).body())).contains("Bot created", "Member invited");

		var csv = session.get("/app/settings/audit.csv?action=bot.created");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("audit-log.csv");
		var lines = csv.body().lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).isEqualTo("time,actor,action,target,country");
		assertThat(lines.get(1)).contains("API key of " + admin.email(), "bot.created", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"");

		var api = this.support.api(this.support.createApiKey(owner));
		var page = api.get("/api/v1/audit?action=member.invited&from=" + today + "&to=" + today).json();
		assertThat(page.path("total").asLong()).isEqualTo(1);
		assertThat(page.path("items").get(0).path("target").asString()).isEqualTo(admin.email() + " as Admin");
		assertThat(api.get("/api/v1/audit?size=1").json().path("items").size()).isEqualTo(1);
		assertThat(api.get("/api/v1/audit?page=-1").code()).isEqualTo("validation_failed");
	}

	@Test
	void pagesThroughTheLogNewestFirst() {
		var owner = this.support.signUp("Audit Paging Owner");
		var workspace = new WorkspaceId(owner.workspaceId());
		var start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
		for (int i = 0; i < AuditController.PAGE_SIZE + 1; i++) {
			publish(workspace, owner, "test.step", start.plusMinutes(i), "step " + i);
		}
		var first = table(owner.session().get("/app/settings/audit").body());
		assertThat(first).contains(">step " + AuditController.PAGE_SIZE + "<", ">step 1<").doesNotContain(">step 0<");
		var second = owner.session().get("/app/settings/audit?page=1").body();
		assertThat(second).contains("Page 2 of 2", "← Newer");
		assertThat(table(second)).contains(">step 0<").doesNotContain(">step 1<");
	}

	@Test
	void agentsAreRefusedAndNoWorkspaceSeesAnothersEntries() {
		var a = this.support.signUp("Audit Tenant A");
		var agent = join(a, "AGENT");
		this.support.createBot(a, "{\"name\": \"Secret Bot of A\"}");
		var b = this.support.signUp("Audit Tenant B");

		assertThat(agent.session().get("/app/settings/audit").statusCode()).isEqualTo(403);
		assertThat(agent.session().get("/app/settings/audit.csv").statusCode()).isEqualTo(403);
		assertThat(agent.session().get("/app/settings/members").body()).doesNotContain("/app/settings/audit");
		assertThat(a.session().get("/app/settings/members").body()).contains("href=\"/app/settings/audit\"");

		assertThat(b.session().get("/app/settings/audit").body()).doesNotContain("Secret Bot of A").doesNotContain(a.email());
		assertThat(b.session().get("/app/settings/audit.csv").body()).doesNotContain("Secret Bot of A").doesNotContain(a.email());
		var api = this.support.api(this.support.createApiKey(b));
		var items = api.get("/api/v1/audit?size=200").json().path("items");
		assertThat(items.size()).isEqualTo(1);
		assertThat(items.get(0).path("action").asString()).isEqualTo("api_key.created");
		assertThat(a.session().get("/app/settings/audit").body()).contains("Secret Bot of A");
	}

	@Test
	void anEntryExistsExactlyWhenTheAuditedActionCommitted() {
		var owner = this.support.signUp("Audit Tx Owner");
		var workspace = new WorkspaceId(owner.workspaceId());
		try {
			this.transactions.executeWithoutResult(tx -> {
				this.events.publishEvent(new Audited(workspace, owner.id(), "", "test.rolled_back", "x", null, Instant.now()));
				throw new IllegalStateException("the action fails after publishing");
			});
		}
		catch (IllegalStateException expected) {
			// the action and its entry are gone together
		}
		this.transactions.executeWithoutResult(
				tx -> this.events.publishEvent(new Audited(workspace, owner.id(), "", "test.committed", "y", null, Instant.now())));
		assertThat(count(owner.workspaceId(), "test.rolled_back")).isZero();
		assertThat(count(owner.workspaceId(), "test.committed")).isEqualTo(1);
		assertThat(this.support.jdbc().sql("SELECT actor FROM audit_event WHERE workspace_id = :ws AND action = 'test.committed'")
			.param("ws", owner.workspaceId()).query(String.class).single())
			.as("an empty actor is the user's address").isEqualTo(owner.email());
	}

	@Test
	void retentionPurgeRemovesEntriesOlderThanTheSetting() {
		var owner = this.support.signUp("Audit Retention Owner");
		var now = OffsetDateTime.now(ZoneOffset.UTC);
		var workspace = new WorkspaceId(owner.workspaceId());
		publish(workspace, owner, "test.expired", now.minusDays(365).minusMinutes(5));
		publish(workspace, owner, "test.kept", now.minusDays(365).plusMinutes(5));
		var removed = this.purge.purge(now);
		assertThat(removed.get("audit entries")).isGreaterThanOrEqualTo(1);
		assertThat(count(owner.workspaceId(), "test.expired")).isZero();
		assertThat(count(owner.workspaceId(), "test.kept")).isEqualTo(1);
	}

	@Test
	void exportWritesTheWorkspaceLogAndErasureRemovesOrAnonymisesIt() throws Exception {
		var owner = this.support.signUp("Audit Export Owner");
		var member = join(owner, "ADMIN");
		this.support.createBot(owner, "{\"name\": \"Exported Bot\"}");
		var holder = this.holders.stream().filter(h -> h.name().equals("audit")).findFirst().orElseThrow();

		var files = new LinkedHashMap<String, String>();
		holder.exportWorkspace(new WorkspaceId(owner.workspaceId()), (path, description, body) -> {
			var out = new ByteArrayOutputStream();
			body.writeTo(out);
			files.put(path, out.toString(StandardCharsets.UTF_8));
		});
		assertThat(files).containsOnlyKeys("audit/audit-log.csv");
		var csv = files.get("audit/audit-log.csv");
		assertThat(csv).startsWith("time,actor,action,target,country").contains("Exported Bot", "member.joined", member.email());
		assertThat(csv.lines().count() - 1).isEqualTo(count(owner.workspaceId(), null));

		holder.eraseUser(member.id(), member.email());
		assertThat(this.support.count("SELECT COUNT(*) FROM audit_event WHERE LOWER(actor) LIKE ? OR LOWER(target) LIKE ?",
				"%" + member.email() + "%", "%" + member.email() + "%"))
			.as("no entry mentions the deleted user's address").isZero();
		assertThat(this.support.count("SELECT COUNT(*) FROM audit_event WHERE actor_id = ?", member.id())).isZero();
		assertThat(count(owner.workspaceId(), "member.joined")).as("the entries stay, anonymised").isEqualTo(1);
		assertThat(this.support.jdbc().sql("SELECT actor FROM audit_event WHERE workspace_id = :ws AND action = 'member.joined'")
			.param("ws", owner.workspaceId()).query(String.class).single()).isEqualTo("deleted user");

		var other = this.support.signUp("Audit Other Workspace");
		this.support.createApiKey(other);
		holder.eraseWorkspace(new WorkspaceId(owner.workspaceId()));
		assertThat(count(owner.workspaceId(), null)).isZero();
		assertThat(count(other.workspaceId(), "api_key.created")).as("another workspace is untouched").isEqualTo(1);
	}

	private void publish(WorkspaceId workspace, User owner, String action, OffsetDateTime at) {
		publish(workspace, owner, action, at, "");
	}

	private void publish(WorkspaceId workspace, User owner, String action, OffsetDateTime at, String target) {
		this.events.publishEvent(new Audited(workspace, owner.id(), owner.email(), action, target, null, at.toInstant()));
	}

	private long count(UUID workspace, String action) {
		return action == null ? this.support.count("SELECT COUNT(*) FROM audit_event WHERE workspace_id = ?", workspace)
				: this.support.count("SELECT COUNT(*) FROM audit_event WHERE workspace_id = ? AND action = ?", workspace, action);
	}

	/** The workspace's entries with {@code action}, read through the JSON API of a fresh key. */
	private List<Map<String, String>> entries(UUID workspace, String action) {
		return this.support.jdbc().sql("SELECT actor, country, target FROM audit_event WHERE workspace_id = :ws AND action = :action")
			.param("ws", workspace).param("action", action)
			.query((rs, n) -> {
				var row = new LinkedHashMap<String, String>();
				row.put("actor", rs.getString("actor"));
				row.put("country", rs.getString("country"));
				row.put("target", rs.getString("target"));
				return (Map<String, String>) row;
			})
			.list();
	}

	/** The newest entry of each action in the owner's workspace, as the JSON API shows it. */
	private Map<String, Map<String, String>> entriesByAction(UUID workspace) {
		var result = new LinkedHashMap<String, Map<String, String>>();
		for (var action : List.of("api_key.created", "api_key.revoked", "member.invited", "member.joined", "member.role_changed",
				"member.removed", "bot.created", "bot.updated", "bot.deleted")) {
			var rows = entries(workspace, action);
			assertThat(rows).as(action).hasSize(1);
			result.put(action, rows.get(0));
		}
		return result;
	}

	private User join(User owner, String role) {
		var person = this.support.signUp("Audit Invitee " + role);
		owner.session().post("/app/settings/members/invite", "email", person.email(), "role", role);
		var link = TestSupport.linkPath(this.support.awaitMail(person.email(), "invitation"));
		assertThat(person.session().post(link).statusCode()).isEqualTo(302);
		return person;
	}

	/** The table of entries of an audit page (the action filter lists every action, so search only the rows). */
	private static String table(String page) {
		var start = page.indexOf("<table id=\"audit\"");
		return start < 0 ? "" : page.substring(start, page.indexOf("</table>", start));
	}

}
