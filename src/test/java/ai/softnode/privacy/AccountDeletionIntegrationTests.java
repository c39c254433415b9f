package ai.softnode.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;

/**
 * Deleting an account leaves no row of its workspace and no mention of its email in any table,
 * ends its sessions and keys at once, and leaves other workspaces as they were.
 */
@IntegrationTest
class AccountDeletionIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	DataSource dataSource;

	/** Every row in every table that holds {@code workspace} in a UUID column or mentions {@code text} in a text column. */
	private List<String> traces(UUID workspace, String text) throws Exception {
		var found = new ArrayList<String>();
		try (var connection = this.dataSource.getConnection()) {
			var meta = connection.getMetaData();
			var tables = new ArrayList<String>();
			try (var rs = meta.getTables(null, null, "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					var schema = rs.getString("TABLE_SCHEM");
					if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.equalsIgnoreCase("pg_catalog"))) {
						continue;
					}
					tables.add("\"" + rs.getString("TABLE_NAME") + "\"");
				}
			}
			assertThat(tables).hasSizeGreaterThan(25);
			for (var table : tables) {
				try (var columns = meta.getColumns(null, null, table.replace("\"", ""), "%")) {
					while (columns.next()) {
						var column = "\"" + columns.getString("COLUMN_NAME") + "\"";
						var type = columns.getInt("DATA_TYPE");
						var typeName = columns.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
						String sql;
						Object param;
						if (typeName.equals("uuid")) {
							sql = "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?";
							param = workspace;
						}
						else if (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.CLOB
								|| typeName.contains("char") || typeName.equals("text")) {
							sql = "SELECT COUNT(*) FROM " + table + " WHERE LOWER(" + column + ") LIKE ? OR " + column + " LIKE ?";
							param = null;
						}
						else {
							continue;
						}
						try (var statement = connection.prepareStatement(sql)) {
							if (param != null) {
								statement.setObject(1, param);
							}
							else {
								statement.setString(1, "%" + text.toLowerCase(Locale.ROOT) + "%");
								statement.setString(2, "%" + workspace + "%");
							}
							try (var rs = statement.executeQuery()) {
								rs.next();
								if (rs.getLong(1) > 0) {
									found.add(table + "." + column + " (" + rs.getLong(1) + ")");
								}
							}
						}
					}
				}
			}
		}
		return found;
	}

	private void join(User owner, User person, String role) {
		owner.session().post("/app/settings/members/invite", "email", person.email(), "role", role);
		var link = TestSupport.linkPath(this.support.awaitMail(person.email(), "invitation"));
		assertThat(person.session().post(link).statusCode()).isEqualTo(302);
	}

	private void awaitOutboxWithout(String email) {
		var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (this.support.count("SELECT COUNT(*) FROM notifications_outbox WHERE recipient = ?", email) == 0) {
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("the confirmation mail to " + email + " was not delivered and forgotten in time");
	}

	@Test
	void deletingAnAccountLeavesNoTraceOfItsWorkspaceOrEmailAndOthersUntouched() throws Exception {
		var doomed = PrivacyFixtures.seed(this.support, "Doomed Owner", 3, 2);
		var staying = PrivacyFixtures.seed(this.support, "Staying Owner", 2, 1);
		var user = doomed.owner();
		var ws = user.workspaceId();
		// the doomed user also belongs to the other workspace, and holds a key there
		join(staying.owner(), user, "ADMIN");
		user.session().post("/app/workspaces/switch", "workspaceId", staying.owner().workspaceId().toString());
		var keyInShared = this.support.createApiKey(user);
		user.session().post("/app/workspaces/switch", "workspaceId", ws.toString());
		// and invited someone, so a mail naming them went to another person
		user.session().post("/app/settings/members/invite", "email", TestSupport.uniqueEmail("friend"), "role", "AGENT");
		var request = this.support.api(doomed.key()).post("/api/v1/privacy/visitor-requests",
				"{\"email\":\"" + doomed.leadEmails().get(0) + "\",\"action\":\"delete\"}");
		assertThat(request.status()).isEqualTo(200);

		assertThat(traces(ws, user.email())).isNotEmpty();
		var otherWs = staying.owner().workspaceId();
		var before = List.of(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM chat_message WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM bots_bot WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE workspace_id = ?", otherWs));
		var tombstones = this.support.count("SELECT COUNT(*) FROM privacy_account_deletion");

		// the page shows what goes and what stays, and wants the password
		var page = user.session().get("/app/settings/privacy");
		assertThat(page.body()).contains("id=\"deleted-workspaces\"").contains("Doomed Owner Ltd").contains("id=\"left-workspaces\"")
			.contains("Staying Owner Ltd");
		var wrong = user.session().post("/app/settings/privacy/delete-account", "password", "not my password");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("That is not your current password.");
		assertThat(this.support.count("SELECT COUNT(*) FROM accounts_user WHERE id = ?", user.id())).isEqualTo(1);

		var deleted = user.session().post("/app/settings/privacy/delete-account", "password", user.password());
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(deleted.body()).contains("Your account has been deleted");

		// sessions and keys stop working at once
		assertThat(user.session().get("/app/settings/privacy").statusCode()).isEqualTo(302);
		assertThat(this.support.api(doomed.key()).get("/api/v1/bots").status()).isEqualTo(401);
		assertThat(this.support.api(keyInShared).get("/api/v1/bots").status()).isEqualTo(401);

		// nothing of the workspace or the email anywhere, once the confirmation mail is out
		awaitOutboxWithout(user.email());
		assertThat(traces(ws, user.email())).isEmpty();
		assertThat(this.support.count("SELECT COUNT(*) FROM privacy_account_deletion")).isEqualTo(tombstones + 1);

		// the shared workspace lost only its member
		assertThat(List.of(this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM chat_message WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM bots_bot WHERE workspace_id = ?", otherWs),
				this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE workspace_id = ?", otherWs))).isEqualTo(before);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_member WHERE workspace_id = ?", otherWs)).isEqualTo(1);
		assertThat(this.support.api(staying.key()).get("/api/v1/bots").status()).isEqualTo(200);
		assertThat(staying.owner().session().get("/app/settings/privacy").statusCode()).isEqualTo(200);
	}

	@Test
	void apiDeletionNeedsTheEmailAsConfirmation() {
		var doomed = PrivacyFixtures.seed(this.support, "Api Doomed", 1, 0);
		var api = this.support.api(doomed.key());
		var missing = api.send("DELETE", "/api/v1/account", null);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.code()).isEqualTo("confirmation_required");
		var wrong = api.send("DELETE", "/api/v1/account", "{\"confirm\":\"someone@example.com\"}");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.code()).isEqualTo("confirmation_required");
		assertThat(api.get("/api/v1/bots").status()).isEqualTo(200);

		var done = api.send("DELETE", "/api/v1/account", "{\"confirm\":\"" + doomed.owner().email().toUpperCase(Locale.ROOT) + "\"}");
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.json().path("workspacesDeleted").asInt()).isEqualTo(1);
		assertThat(api.get("/api/v1/bots").status()).isEqualTo(401);
		assertThat(doomed.owner().session().get("/app").statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_workspace WHERE id = ?", doomed.owner().workspaceId())).isZero();
	}

}
