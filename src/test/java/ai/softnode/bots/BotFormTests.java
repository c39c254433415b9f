package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.softnode.platform.Problem.Violation;

class BotFormTests {

	private final BotSettings current = BotSettings.defaults("Current");

	@Test
	void showsSettingsAndReadsThemBackUnchanged() {
		var settings = new BotSettings("Shop", "Be brief.", "offline", new java.math.BigDecimal("0.70"), "Hi", List.of("A?", "B?"),
				"Sorry.", "#123abc", "bottom-left", "Ask", "https://cdn.example.com/a.png", List.of("example.com", "*.example.org"),
				LeadCaptureMode.AFTER_MESSAGES, 4, List.of("name", "email"), 30, 1000, 0, false, true, "Which bike do you ride?", true,
				"We keep chats 30 days.", true, true);
		var conversion = BotForm.of(settings).toSettings(this.current);
		assertThat(conversion.violations()).isEmpty();
		assertThat(conversion.settings()).isEqualTo(settings);
	}

	@Test
	void blankOptionalFieldsMeanDefaultsAndMissingCheckboxesMeanFalse() {
		var form = new BotForm("Name", "", "default", "0.3", "", "\n \n", "Sorry", "#4f46e5", "#4f46e5", "bottom-right", "Chat", "  ",
				" \n", "OFF", "", null, " ", "800", "0", false, false, " ", false, "", false, false);
		var conversion = form.toSettings(this.current);
		assertThat(conversion.violations()).isEmpty();
		var settings = conversion.settings();
		assertThat(settings.avatarUrl()).isNull();
		assertThat(settings.retentionDays()).isNull();
		assertThat(settings.suggestedQuestions()).isEmpty();
		assertThat(settings.allowedDomains()).isEmpty();
		assertThat(settings.leadFields()).isEmpty();
		assertThat(settings.leadAfterMessages()).as("not asked for while lead capture is off").isEqualTo(this.current.leadAfterMessages());
		assertThat(settings.redactPersonalData()).isFalse();
		assertThat(settings.enabled()).isFalse();
	}

	@Test
	void readsNumbersWithDecimalCommaAndThousandsSeparators() {
		var settings = formWith(Map.of("temperature", "0,45", "maxAnswerTokens", "1,024", "dailyTokenBudget", "1 000 000",
				"retentionDays", "90")).toSettings(this.current).settings();
		assertThat(settings.temperature()).isEqualByComparingTo("0.45");
		assertThat(settings.maxAnswerTokens()).isEqualTo(1024);
		assertThat(settings.dailyTokenBudget()).isEqualTo(1_000_000);
		assertThat(settings.retentionDays()).isEqualTo(90);
	}

	@Test
	void reportsEveryFieldThatIsNoNumberAndKeepsCurrentValuesInTheirPlace() {
		var conversion = formWith(Map.of("temperature", "warm", "maxAnswerTokens", "many", "dailyTokenBudget", "1.5",
				"retentionDays", "soon")).toSettings(this.current);
		assertThat(conversion.violations()).containsExactlyInAnyOrder(
				new Violation("temperature", "Use a number from 0 to 1, like 0.3."),
				new Violation("maxAnswerTokens", "Use 64 to 4,096 tokens."),
				new Violation("dailyTokenBudget", "Use 0 (no limit) or a positive whole number."),
				new Violation("retentionDays", "Use a whole number of days, or leave it empty for the workspace default."));
		assertThat(conversion.settings().temperature()).isEqualTo(this.current.temperature());
		assertThat(conversion.settings().maxAnswerTokens()).isEqualTo(this.current.maxAnswerTokens());
		assertThat(conversion.violations()).extracting(Violation::field).doesNotContain("name");
	}

	@Test
	void requiresNumbersThatHaveNoEmptyMeaning() {
		var conversion = formWith(Map.of("temperature", "", "maxAnswerTokens", "", "dailyTokenBudget", "", "retentionDays", ""))
			.toSettings(this.current);
		assertThat(conversion.violations()).extracting(Violation::field)
			.containsExactlyInAnyOrder("temperature", "maxAnswerTokens", "dailyTokenBudget");
	}

	@Test
	void asksAfterHowManyMessagesOnlyWhenThatModeIsChosen() {
		assertThat(formWith(Map.of("leadCapture", "AFTER_MESSAGES", "leadAfterMessages", " ")).toSettings(this.current).violations())
			.containsExactly(new Violation("leadAfterMessages", "Enter after how many messages to ask."));
		assertThat(formWith(Map.of("leadCapture", "SOMETIMES")).toSettings(this.current).violations())
			.containsExactly(new Violation("leadCapture", "Choose when to ask for contact details."));
	}

	@Test
	void theColourFieldThatWasChangedWins() {
		assertThat(colour("#4f46e5", "#00ff00")).as("only the picker changed").isEqualTo("#00ff00");
		assertThat(colour("#4F46E5", "#00ff00")).as("text unchanged apart from case").isEqualTo("#00ff00");
		assertThat(colour("#ff0000", "#4f46e5")).as("only the text changed").isEqualTo("#ff0000");
		assertThat(colour("#ff0000", "#00ff00")).as("both changed: the text wins").isEqualTo("#ff0000");
		assertThat(colour("red", "#00ff00")).as("invalid text stays to be reported").isEqualTo("red");
		assertThat(colour("#4f46e5", "not-a-colour")).as("a broken picker value is ignored").isEqualTo("#4f46e5");
	}

	@Test
	void splitsListsByLineAndDomainsAlsoByComma() {
		assertThat(BotForm.lines(" a \r\n\r\nb\n c ")).containsExactly("a", "b", "c");
		assertThat(BotForm.lines(null)).isEmpty();
		assertThat(BotForm.entries("example.com, shop.example.com\n\nhttp://exa mple")).containsExactly("example.com",
				"shop.example.com", "http://exa mple");
	}

	private String colour(String typed, String picked) {
		return formWith(Map.of("accentColor", typed, "accentColorPicker", picked)).toSettings(this.current).settings().accentColor();
	}

	/** The form showing the current settings, with some fields changed as a person would type them. */
	private BotForm formWith(Map<String, Object> changes) {
		var base = BotForm.of(this.current);
		var components = BotForm.class.getRecordComponents();
		var types = new Class<?>[components.length];
		var values = new Object[components.length];
		try {
			for (int i = 0; i < components.length; i++) {
				types[i] = components[i].getType();
				values[i] = changes.containsKey(components[i].getName()) ? changes.get(components[i].getName())
						: components[i].getAccessor().invoke(base);
			}
			return BotForm.class.getDeclaredConstructor(types).newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
