package ai.softnode.bots;

import static ai.softnode.bots.BotPages.fieldError;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

@IntegrationTest
class BotPagesIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void homeShowsEmptyStateWithCreateButtonAndChecklist() {
		var owner = this.support.signUp("Empty Owner");
		var home = owner.session().get("/app");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("No bots yet", "Create your first bot", "href=\"/app/bots/new\"", "Getting started",
				"Create a bot.", "Add knowledge.", "Paste the snippet.");
		assertThat(home.body()).contains("href=\"/app/bots\"").contains(">Bots<");
	}

	@Test
	void createdBotAppearsOnHomeListAndOverviewWithSnippetPreviewAndTabs() {
		var owner = this.support.signUp("Baker");
		var form = owner.session().get("/app/bots/new");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("<label for=\"name\">Name</label>", "<option value=\"default\" selected=\"selected\">Installation default</option>",
				"Offline answerer (no AI provider)");

		var id = BotPages.create(owner.session(), "Bakery <Helper>");
		var row = BotPages.row(this.support, id);
		assertThat(row.get("name")).isEqualTo("Bakery <Helper>");
		assertThat(row.get("instructions")).isEqualTo("Answer briefly.");
		assertThat(row.get("workspace_id")).isEqualTo(owner.workspaceId());
		var publicId = (String) row.get("public_id");

		var home = owner.session().get("/app");
		assertThat(home.body()).contains("Bakery &lt;Helper&gt;", "href=\"/app/bots/" + id + "\"", "Enabled", "Installation default")
			.doesNotContain("No bots yet").doesNotContain("Bakery <Helper>");
		var list = owner.session().get("/app/bots");
		assertThat(list.body()).contains("id=\"bot-" + id + "\"", "Bakery &lt;Helper&gt;");

		var overview = owner.session().get("/app/bots/" + id);
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body())
			.contains("<pre id=\"embed-snippet\">&lt;script src=&quot;http://localhost:8080/widget.js&quot; data-bot=&quot;" + publicId
					+ "&quot; async&gt;&lt;/script&gt;</pre>")
			.contains("data-copy=\"embed-snippet\"")
			.contains("href=\"/chat/" + publicId + "\" target=\"_blank\" rel=\"noopener\"")
			.contains("<iframe class=\"preview-frame\" title=\"Bot preview\" src=\"/chat/" + publicId + "\"")
			.contains("href=\"/app/bots/" + id + "/settings\"")
			.contains("data-confirm=\"Delete Bakery &lt;Helper&gt;?");
	}

	@Test
	void editingSettingsPersistsEveryFieldAndUncheckedBoxesMeanFalse() {
		var owner = this.support.signUp("Editor");
		var id = BotPages.create(owner.session(), "Support");
		var form = BotPages.settingsForm("Support Desk");
		form.put("instructions", List.of("Be kind."));
		form.put("model", List.of("offline"));
		form.put("temperature", List.of("0,55"));
		form.put("greeting", List.of("Welcome!"));
		form.put("suggestedQuestions", List.of("  Opening hours?\r\n\r\nPrices?  \r\n"));
		form.put("fallbackMessage", List.of("Please email us."));
		form.put("accentColor", List.of("#4F46E5"));
		form.put("accentColorPicker", List.of("#112233"));
		form.put("position", List.of("bottom-left"));
		form.put("launcherLabel", List.of("Ask us"));
		form.put("avatarUrl", List.of("https://cdn.example.com/a.png"));
		form.put("allowedDomains", List.of("https://Shop.Example.com/path\n*.example.org\n"));
		form.put("leadCapture", List.of("AFTER_MESSAGES"));
		form.put("leadAfterMessages", List.of("5"));
		form.put("leadFields", List.of("phone", "email", "name"));
		form.put("retentionDays", List.of("30"));
		form.put("maxAnswerTokens", List.of("1,024"));
		form.put("dailyTokenBudget", List.of("0"));
		form.remove("redactPersonalData");
		form.remove("enabled");

		var saved = BotPages.saveSettings(owner.session(), id, form);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/app/bots/" + id + "/settings");

		var row = BotPages.row(this.support, id);
		assertThat(row.get("name")).isEqualTo("Support Desk");
		assertThat(row.get("instructions")).isEqualTo("Be kind.");
		assertThat(row.get("model")).isEqualTo("offline");
		assertThat((BigDecimal) row.get("temperature")).isEqualByComparingTo("0.55");
		assertThat(row.get("greeting")).isEqualTo("Welcome!");
		assertThat(row.get("suggested_questions")).isEqualTo("Opening hours?\nPrices?");
		assertThat(row.get("fallback_message")).isEqualTo("Please email us.");
		assertThat(row.get("accent_color")).as("the picker wins when the text was left as it was").isEqualTo("#112233");
		assertThat(row.get("position")).isEqualTo("bottom-left");
		assertThat(row.get("launcher_label")).isEqualTo("Ask us");
		assertThat(row.get("avatar_url")).isEqualTo("https://cdn.example.com/a.png");
		assertThat(row.get("allowed_domains")).isEqualTo("shop.example.com\n*.example.org");
		assertThat(row.get("lead_capture")).isEqualTo("AFTER_MESSAGES");
		assertThat(row.get("lead_after_messages")).isEqualTo(5);
		assertThat(row.get("lead_fields")).isEqualTo("name,email,phone");
		assertThat(row.get("retention_days")).isEqualTo(30);
		assertThat(row.get("max_answer_tokens")).isEqualTo(1024);
		assertThat(((Number) row.get("daily_token_budget")).longValue()).isZero();
		assertThat(row.get("redact_personal")).isEqualTo(false);
		assertThat(row.get("enabled")).isEqualTo(false);

		var page = owner.session().follow(saved);
		assertThat(page.body()).contains("Settings of “Support Desk” saved.")
			.contains("name=\"enabled\" value=\"true\"><input type=\"hidden\" name=\"_enabled\"")
			.containsPattern("value=\"bottom-left\"[^>]*checked=\"checked\"")
			.containsPattern("value=\"AFTER_MESSAGES\"[^>]*checked=\"checked\"")
			.containsPattern("value=\"phone\"[^>]*checked=\"checked\"")
			.doesNotContainPattern("value=\"company\"[^>]*checked")
			.contains("shop.example.com\n*.example.org</textarea>");
		assertThat(owner.session().get("/app/bots").body()).contains("Disabled");

		form.put("enabled", List.of("true"));
		form.put("accentColor", List.of("#00aa00"));
		form.put("accentColorPicker", List.of("#112233"));
		form.put("retentionDays", List.of(""));
		form.remove("_enabled");
		assertThat(BotPages.saveSettings(owner.session(), id, form).statusCode()).isEqualTo(302);
		row = BotPages.row(this.support, id);
		assertThat(row.get("enabled")).isEqualTo(true);
		assertThat(row.get("accent_color")).as("typed text wins over the picker").isEqualTo("#00aa00");
		assertThat(row.get("retention_days")).as("empty means the workspace default").isNull();

		form.remove("enabled");
		assertThat(BotPages.saveSettings(owner.session(), id, form).statusCode()).isEqualTo(302);
		assertThat(BotPages.row(this.support, id).get("enabled")).as("unchecked without a marker is false too").isEqualTo(false);
	}

	@Test
	void deletingRemovesTheBotAndSaysSo() {
		var owner = this.support.signUp("Deleter");
		var keep = BotPages.create(owner.session(), "Keeper");
		var gone = BotPages.create(owner.session(), "Goner");
		var response = owner.session().post("/app/bots/" + gone + "/delete");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/app/bots");
		var list = owner.session().follow(response);
		assertThat(list.body()).contains("“Goner” has been deleted.").contains("id=\"bot-" + keep + "\"")
			.doesNotContain("id=\"bot-" + gone + "\"");
		assertThat(this.support.count("SELECT COUNT(*) FROM bots_bot WHERE id = ?", gone)).isZero();
		assertThat(owner.session().get("/app/bots/" + gone).statusCode()).isEqualTo(404);
	}

	@Test
	void createWithEmptyNameShowsMessageAndStoresNothing() {
		var owner = this.support.signUp("Nameless");
		var response = owner.session().post("/app/bots", "name", "  ", "model", "default", "instructions", "x");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(fieldError(response.body(), "name")).isEqualTo("Give the bot a name.");
		assertThat(response.body()).contains("aria-invalid=\"true\"").contains("value=\"  \"");
		assertThat(BotPages.count(this.support, owner.workspaceId())).isZero();
	}

	@Test
	void invalidSettingsShowEachMessageNextToItsFieldAndChangeNothing() {
		var owner = this.support.signUp("Validator");
		var id = BotPages.create(owner.session(), "Strict");
		var before = BotPages.row(this.support, id);

		var form = BotPages.settingsForm("");
		form.put("accentColor", List.of("red"));
		form.put("allowedDomains", List.of("example.com\nhttp://exa mple"));
		form.put("suggestedQuestions", List.of("1?\n2?\n3?\n4?\n5?\n6?\n7?"));
		form.put("temperature", List.of("3"));
		var response = BotPages.saveSettings(owner.session(), id, form);
		assertThat(response.statusCode()).isEqualTo(400);
		var html = response.body();
		assertThat(fieldError(html, "name")).isEqualTo("Give the bot a name.");
		assertThat(fieldError(html, "accentColor")).isEqualTo("Use a colour like #4f46e5.");
		assertThat(fieldError(html, "allowedDomains")).isEqualTo("'http://exa mple' is not a domain; use forms like example.com or *.example.com.");
		assertThat(fieldError(html, "suggestedQuestions")).isEqualTo("Offer at most 6 suggested questions.");
		assertThat(fieldError(html, "temperature")).isEqualTo("Use a value from 0 to 1.");
		assertThat(html).contains("value=\"red\"").as("what was typed is shown again");
		assertThat(BotPages.row(this.support, id)).isEqualTo(before);
	}

	@Test
	void eachInvalidFieldAloneIsRefused() {
		var owner = this.support.signUp("Single Fields");
		var id = BotPages.create(owner.session(), "One by one");
		var before = BotPages.row(this.support, id);
		record Case(String field, String value, String message) {
		}
		for (var bad : List.of(new Case("name", "", "Give the bot a name."),
				new Case("accentColor", "#12345", "Use a colour like #4f46e5."),
				new Case("allowedDomains", "http://exa mple", "'http://exa mple' is not a domain; use forms like example.com or *.example.com."),
				new Case("suggestedQuestions", "a\nb\nc\nd\ne\nf\ng", "Offer at most 6 suggested questions."),
				new Case("temperature", "3", "Use a value from 0 to 1."),
				new Case("temperature", "warm", "Use a number from 0 to 1, like 0.3."),
				new Case("maxAnswerTokens", "lots", "Use 64 to 4,096 tokens."),
				new Case("retentionDays", "0", "Keep logs at least 1 day."),
				new Case("avatarUrl", "http://insecure.example.com/a.png", "Use an https:// address of an image."),
				new Case("leadFields", "fax", "Unknown lead field 'fax'; choose from [name, email, phone, company]."))) {
			var form = BotPages.settingsForm("One by one");
			form.put(bad.field(), List.of(bad.value()));
			var response = BotPages.saveSettings(owner.session(), id, form);
			assertThat(response.statusCode()).as(bad.toString()).isEqualTo(400);
			assertThat(fieldError(response.body(), bad.field())).as(bad.toString()).isEqualTo(bad.message());
		}
		var noEmail = BotPages.settingsForm("One by one");
		noEmail.put("leadCapture", List.of("BEFORE_CHAT"));
		noEmail.put("leadFields", List.of("name"));
		assertThat(fieldError(BotPages.saveSettings(owner.session(), id, noEmail).body(), "leadFields"))
			.isEqualTo("A lead form must ask for the email address.");
		assertThat(BotPages.row(this.support, id)).isEqualTo(before);
	}

	@Test
	void settingsFormShowsEveryFieldWithItsLabel() {
		var owner = this.support.signUp("Labels");
		var id = BotPages.create(owner.session(), "Labelled");
		var page = owner.session().get("/app/bots/" + id + "/settings");
		assertThat(page.statusCode()).isEqualTo(200);
		for (var field : List.of("name", "model", "temperature", "instructions", "greeting", "suggestedQuestions", "fallbackMessage",
				"accentColor", "launcherLabel", "avatarUrl", "allowedDomains", "leadAfterMessages", "retentionDays", "maxAnswerTokens",
				"dailyTokenBudget")) {
			assertThat(page.body()).as(field).contains("<label for=\"" + field + "\"").contains("id=\"" + field + "\"");
		}
		assertThat(page.body()).contains("type=\"color\"", "name=\"position\"", "name=\"leadCapture\"", "value=\"BEFORE_CHAT\"",
				"name=\"leadFields\"", "value=\"company\"", "name=\"redactPersonalData\"", "name=\"enabled\"",
				"Leave empty to allow any website.", "<legend>Lead capture</legend>", "action=\"/app/bots/" + id + "/settings\"",
				"name=\"_csrf\"");
		assertThat(page.body()).contains("aria-current=\"page\">Settings</a>");
	}

	@Test
	void malformedOrUnknownIdIsNotFound() {
		var owner = this.support.signUp("Lost");
		assertThat(owner.session().get("/app/bots/not-a-uuid").statusCode()).isEqualTo(404);
		assertThat(owner.session().get("/app/bots/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(owner.session().get("/app/bots/" + UUID.randomUUID() + "/settings").body()).contains("Page not found");
	}

	@Test
	void ownerSetsLeadQuestionPrivacyNoticeAndStoredLogRedactionInTheForm() {
		var owner = this.support.signUp("Privacy Form");
		var id = BotPages.create(owner.session(), "Careful");
		var page = owner.session().get("/app/bots/" + id + "/settings").body();
		assertThat(page).contains("value=\"WHEN_UNANSWERED\"").contains("id=\"leadQuestion\"").contains("id=\"privacyNotice\"")
			.contains("id=\"redactStoredLog\"");
		var before = BotPages.row(this.support, id);
		var refused = BotPages.settingsForm("Careful");
		refused.put("privacyNoticeRequired", List.of("true"));
		refused.put("leadQuestionRequired", List.of("true"));
		var response = BotPages.saveSettings(owner.session(), id, refused);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(BotPages.fieldError(response.body(), "privacyNotice")).isEqualTo("Write the notice visitors accept, or do not ask them to accept one.");
		assertThat(BotPages.fieldError(response.body(), "leadQuestion")).isEqualTo("Write the question, or make it optional.");
		assertThat(BotPages.row(this.support, id)).isEqualTo(before);

		var form = BotPages.settingsForm("Careful");
		form.put("leadCapture", List.of("WHEN_UNANSWERED"));
		form.put("leadQuestion", List.of("What is your project about?"));
		form.put("leadQuestionRequired", List.of("true"));
		form.put("privacyNotice", List.of("We keep chats 30 days."));
		form.put("privacyNoticeRequired", List.of("true"));
		form.put("redactStoredLog", List.of("true"));
		assertThat(BotPages.saveSettings(owner.session(), id, form).statusCode()).isEqualTo(302);
		var row = BotPages.row(this.support, id);
		assertThat(row.get("lead_capture")).isEqualTo("WHEN_UNANSWERED");
		assertThat(row.get("lead_question")).isEqualTo("What is your project about?");
		assertThat(row.get("lead_question_required")).isEqualTo(true);
		assertThat(row.get("privacy_notice")).isEqualTo("We keep chats 30 days.");
		assertThat(row.get("privacy_notice_required")).isEqualTo(true);
		assertThat(row.get("redact_stored_log")).isEqualTo(true);
		assertThat(owner.session().get("/app/bots/" + id + "/settings").body()).contains("What is your project about?");
	}

}
