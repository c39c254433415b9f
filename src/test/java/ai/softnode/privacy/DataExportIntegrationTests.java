package ai.softnode.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The export ZIP holds exactly what the database holds for the workspace, and nothing of another. */
@IntegrationTest
class DataExportIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestSupport support;

	private static List<JsonNode> lines(String jsonl) {
		var out = new ArrayList<JsonNode>();
		jsonl.lines().filter(line -> !line.isBlank()).forEach(line -> out.add(JSON.readTree(line)));
		return out;
	}

	@Test
	void exportHoldsEveryConversationMessageLeadAndSourceOfTheWorkspaceOnly() throws Exception {
		var a = PrivacyFixtures.seed(this.support, "Export Owner", 5, 2);
		var b = PrivacyFixtures.seed(this.support, "Other Export Owner", 2, 1);
		var ws = a.owner().workspaceId();

		var download = PrivacyFixtures.send(this.support, "GET", "/api/v1/account/export", a.key(), null);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.contentType()).startsWith("application/zip");
		var files = download.entries();

		assertThat(files).containsKeys("README.txt", "account/account.json", "workspace/workspace.json", "workspace/members.jsonl",
				"workspace/api-keys.jsonl", "bots/bots.jsonl", "knowledge/sources.jsonl", "chat/conversations.jsonl", "visitors/leads.csv",
				"visitors/leads.jsonl", "visitors/visitors.jsonl", "billing/account.json", "mails/outbox.jsonl");
		for (var path : files.keySet()) {
			if (!path.equals("README.txt")) {
				assertThat(files.get("README.txt")).as("README describes " + path).contains(path);
			}
		}
		assertThat(JSON.readTree(files.get("account/account.json")).path("email").asString()).isEqualTo(a.owner().email());
		assertThat(files.get("account/account.json")).doesNotContain("password_hash").doesNotContain("$argon2");
		assertThat(files.get("workspace/api-keys.jsonl")).doesNotContain("key_hash");
		assertThat(lines(files.get("workspace/members.jsonl"))).extracting(m -> m.path("email").asString()).containsExactly(a.owner().email());

		// conversations and messages: same counts and the same texts as the database
		var conversations = lines(files.get("chat/conversations.jsonl"));
		assertThat(conversations).hasSize((int) this.support.count("SELECT COUNT(*) FROM chat_conversation WHERE workspace_id = ?", ws)).hasSize(5);
		var exportedTexts = new ArrayList<String>();
		conversations.forEach(c -> c.path("messages").forEach(m -> exportedTexts.add(c.path("id").asString() + "|" + m.path("role").asString()
				+ "|" + m.path("text").asString())));
		var storedTexts = this.support.jdbc().sql("SELECT conversation_id, role, text FROM chat_message WHERE workspace_id = :ws")
			.param("ws", ws).query((rs, n) -> rs.getString("conversation_id") + "|" + rs.getString("role") + "|" + rs.getString("text")).list();
		assertThat(storedTexts).hasSizeGreaterThanOrEqualTo(16);
		assertThat(exportedTexts).containsExactlyInAnyOrderElementsOf(storedTexts);
		for (var c : conversations) {
			assertThat(c.path("messages").size()).isEqualTo(c.path("message_count").asInt());
		}

		// leads, as CSV and as JSON
		var leadCount = (int) this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE workspace_id = ?", ws);
		assertThat(leadCount).isEqualTo(2);
		var csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(files.get("visitors/leads.csv")))
			.getRecords();
		assertThat(csv).hasSize(leadCount);
		assertThat(csv).extracting(r -> r.get("email")).containsExactlyInAnyOrderElementsOf(a.leadEmails());
		assertThat(lines(files.get("visitors/leads.jsonl"))).extracting(l -> l.path("email").asString())
			.containsExactlyInAnyOrderElementsOf(a.leadEmails());

		// knowledge sources with their text
		var sources = lines(files.get("knowledge/sources.jsonl"));
		var stored = this.support.jdbc().sql("SELECT content FROM knowledge_source WHERE workspace_id = :ws").param("ws", ws).query(String.class).list();
		assertThat(sources).extracting(s -> s.path("content").asString()).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(stored).anySatisfy(text -> assertThat(text).contains(a.marker()));

		// nothing of the other workspace, anywhere in the archive
		var all = String.join("\n", files.values());
		assertThat(all).contains(a.marker()).doesNotContain(b.marker()).doesNotContain(b.owner().email())
			.doesNotContain(b.owner().workspaceId().toString()).doesNotContain(b.leadEmails().get(0));
		var otherConversations = new HashSet<>(this.support.jdbc().sql("SELECT id FROM chat_conversation WHERE workspace_id = :ws")
			.param("ws", b.owner().workspaceId()).query(UUID.class).list());
		assertThat(otherConversations).isNotEmpty().allSatisfy(id -> assertThat(all).doesNotContain(id.toString()));
	}

	@Test
	void exportIsForOwnersAndAdminsWithAKeyOrASession() {
		var a = PrivacyFixtures.seed(this.support, "Export Rights", 1, 0);
		var anonymous = this.support.api(null).get("/api/v1/account/export");
		assertThat(anonymous.status()).isEqualTo(401);

		var page = a.owner().session().get("/app/settings/privacy");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("href=\"/app/settings/privacy/export\"").contains("aria-current=\"page\">Privacy<");
		var fromPage = a.owner().session().get("/app/settings/privacy/export");
		assertThat(fromPage.statusCode()).isEqualTo(200);
		assertThat(fromPage.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
		assertThat(fromPage.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");

		var agent = this.support.signUp("Export Agent");
		a.owner().session().post("/app/settings/members/invite", "email", agent.email(), "role", "AGENT");
		agent.session().post(TestSupport.linkPath(this.support.awaitMail(agent.email(), "invitation")));
		agent.session().post("/app/workspaces/switch", "workspaceId", a.owner().workspaceId().toString());
		assertThat(agent.session().get("/app/settings/privacy").body()).doesNotContain("id=\"export-link\"").contains("Delete your account");
		assertThat(agent.session().get("/app/settings/privacy/export").statusCode()).isEqualTo(403);
	}

}
