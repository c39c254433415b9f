package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import ai.softnode.support.TestSupport;
import ai.softnode.support.WebSession;

/** Drives the bot pages as a browser would, for the integration tests of this package. */
final class BotPages {

	private static final Pattern BOT_PATH = Pattern.compile("/app/bots/([0-9a-f-]{36})$");

	private BotPages() {
	}

	/** Creates a bot through the form and returns its id. */
	static UUID create(WebSession session, String name) {
		var response = session.post("/app/bots", "name", name, "model", "default", "instructions", "Answer briefly.");
		assertThat(response.statusCode()).as("create bot: %s", response.body()).isEqualTo(302);
		var location = response.headers().firstValue("Location").orElseThrow();
		var matcher = BOT_PATH.matcher(location);
		assertThat(matcher.find()).as("redirect to the new bot: %s", location).isTrue();
		return UUID.fromString(matcher.group(1));
	}

	/** Every field of the settings form as a browser sends it, checkboxes checked, with markers. */
	static Map<String, List<String>> settingsForm(String name) {
		var form = new LinkedHashMap<String, List<String>>();
		form.put("name", List.of(name));
		form.put("instructions", List.of("Answer questions about our bakery."));
		form.put("model", List.of("default"));
		form.put("temperature", List.of("0.3"));
		form.put("greeting", List.of("Hello!"));
		form.put("suggestedQuestions", List.of("When are you open?\nDo you deliver?"));
		form.put("fallbackMessage", List.of("I don't know that yet."));
		form.put("accentColor", List.of("#4f46e5"));
		form.put("accentColorPicker", List.of("#4f46e5"));
		form.put("position", List.of("bottom-right"));
		form.put("launcherLabel", List.of("Chat with us"));
		form.put("avatarUrl", List.of(""));
		form.put("allowedDomains", List.of(""));
		form.put("leadCapture", List.of("OFF"));
		form.put("leadAfterMessages", List.of("3"));
		form.put("leadFields", List.of("email"));
		form.put("_leadFields", List.of("on"));
		form.put("retentionDays", List.of(""));
		form.put("maxAnswerTokens", List.of("800"));
		form.put("dailyTokenBudget", List.of("500000"));
		form.put("redactPersonalData", List.of("true"));
		form.put("_redactPersonalData", List.of("on"));
		form.put("enabled", List.of("true"));
		form.put("_enabled", List.of("on"));
		return form;
	}

	static HttpResponse<String> saveSettings(WebSession session, UUID bot, Map<String, List<String>> form) {
		var fields = new ArrayList<String>();
		form.forEach((name, values) -> values.forEach(value -> {
			fields.add(name);
			fields.add(value);
		}));
		return session.post("/app/bots/" + bot + "/settings", fields.toArray(String[]::new));
	}

	/** The text of the error shown next to {@code field}, or {@code null} when there is none. */
	static String fieldError(String html, String field) {
		var matcher = Pattern.compile("<p id=\"" + Pattern.quote(field) + "-error\" class=\"error\">(.*?)</p>", Pattern.DOTALL)
			.matcher(html);
		return matcher.find() ? HtmlUtils.htmlUnescape(matcher.group(1)).strip() : null;
	}

	/** The bot's row as stored, to compare before and after a refused change. */
	static Map<String, Object> row(TestSupport support, UUID bot) {
		return support.jdbc().sql("SELECT * FROM bots_bot WHERE id = :id").param("id", bot).query().singleRow();
	}

	static long count(TestSupport support, UUID workspace) {
		return support.count("SELECT COUNT(*) FROM bots_bot WHERE workspace_id = ?", workspace);
	}

}
