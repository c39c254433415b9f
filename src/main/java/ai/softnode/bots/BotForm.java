package ai.softnode.bots;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.Problem.Violation;

/**
 * The bot settings form as the browser sends it: text as typed, lists one entry per line, and
 * checkboxes that are simply absent when unchecked (a missing {@code boolean} binds as
 * {@code false} only with its {@code _field} marker, so later checkboxes are {@code Boolean}, absent = {@code false}). Field names match {@link BotSettings}, so validation messages land next to the
 * field they concern.
 *
 * @param accentColor the colour as typed in the text field
 * @param accentColorPicker the colour chosen with the colour picker; used when the text field was
 * left unchanged
 */
record BotForm(@Nullable String name, @Nullable String instructions, @Nullable String model, @Nullable String temperature,
		@Nullable String greeting, @Nullable String suggestedQuestions, @Nullable String fallbackMessage,
		@Nullable String accentColor, @Nullable String accentColorPicker, @Nullable String position,
		@Nullable String launcherLabel, @Nullable String avatarUrl, @Nullable String allowedDomains,
		@Nullable String leadCapture, @Nullable String leadAfterMessages, @Nullable List<String> leadFields,
		@Nullable String retentionDays, @Nullable String maxAnswerTokens, @Nullable String dailyTokenBudget,
		boolean redactPersonalData, boolean enabled, @Nullable String leadQuestion, @Nullable Boolean leadQuestionRequired,
		@Nullable String privacyNotice, @Nullable Boolean privacyNoticeRequired, @Nullable Boolean redactStoredLog) {

	/** The form showing {@code settings}. */
	static BotForm of(BotSettings settings) {
		return new BotForm(settings.name(), settings.instructions(), settings.model(), settings.temperature().toPlainString(),
				settings.greeting(), String.join("\n", settings.suggestedQuestions()), settings.fallbackMessage(),
				settings.accentColor(), settings.accentColor(), settings.position(), settings.launcherLabel(),
				settings.avatarUrl() == null ? "" : settings.avatarUrl(), String.join("\n", settings.allowedDomains()),
				settings.leadCapture().name(), String.valueOf(settings.leadAfterMessages()), settings.leadFields(),
				settings.retentionDays() == null ? "" : String.valueOf(settings.retentionDays()),
				String.valueOf(settings.maxAnswerTokens()), String.valueOf(settings.dailyTokenBudget()),
				settings.redactPersonalData(), settings.enabled(), text(settings.leadQuestion()), settings.leadQuestionRequired(),
				text(settings.privacyNotice()), settings.privacyNoticeRequired(), settings.redactStoredLog());
	}

	/**
	 * The settings this form describes, before {@link BotManagement} validates them. Text that is no
	 * number where a number belongs is reported as a violation, and the {@code current} value stands
	 * in for it so that the remaining fields can still be checked.
	 */
	Conversion toSettings(BotSettings current) {
		var violations = new ArrayList<Violation>();
		var temperature = parse(violations, "temperature", this.temperature, "Set a temperature.",
				"Use a number from 0 to 1, like 0.3.", BotForm::decimal, current.temperature());
		var mode = leadMode(violations, current.leadCapture());
		var afterMessages = parse(violations, "leadAfterMessages", this.leadAfterMessages,
				mode == LeadCaptureMode.AFTER_MESSAGES ? "Enter after how many messages to ask." : null,
				"Use a number from 1 to 50.", BotForm::integer, current.leadAfterMessages());
		var retention = parse(violations, "retentionDays", this.retentionDays, null,
				"Use a whole number of days, or leave it empty for the workspace default.", BotForm::integer, null);
		var maxTokens = parse(violations, "maxAnswerTokens", this.maxAnswerTokens, "Enter the longest answer in tokens.",
				"Use 64 to 4,096 tokens.", BotForm::integer, current.maxAnswerTokens());
		var budget = parse(violations, "dailyTokenBudget", this.dailyTokenBudget, "Enter a daily budget (0 = no limit).",
				"Use 0 (no limit) or a positive whole number.", BotForm::whole, current.dailyTokenBudget());
		var settings = new BotSettings(text(this.name), text(this.instructions), text(this.model), temperature,
				text(this.greeting), lines(this.suggestedQuestions), text(this.fallbackMessage), accentColor(current.accentColor()),
				text(this.position), text(this.launcherLabel), blankToNull(this.avatarUrl), entries(this.allowedDomains), mode,
				afterMessages, this.leadFields == null ? List.of() : List.copyOf(this.leadFields), retention, maxTokens, budget,
				this.redactPersonalData, this.enabled, blankToNull(this.leadQuestion), Boolean.TRUE.equals(this.leadQuestionRequired),
				blankToNull(this.privacyNotice), Boolean.TRUE.equals(this.privacyNoticeRequired), Boolean.TRUE.equals(this.redactStoredLog));
		return new Conversion(settings, violations);
	}

	/**
	 * The colour a person meant: without script the picker and the text field cannot mirror each
	 * other, so whichever of the two they changed from {@code current} wins, the text field when both.
	 */
	private String accentColor(String current) {
		var typed = text(this.accentColor).strip();
		var picked = text(this.accentColorPicker).strip();
		if (typed.equalsIgnoreCase(current) && picked.matches("#[0-9a-fA-F]{6}")) {
			return picked;
		}
		return typed;
	}

	private LeadCaptureMode leadMode(List<Violation> violations, LeadCaptureMode current) {
		try {
			return LeadCaptureMode.valueOf(text(this.leadCapture).strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("leadCapture", "Choose when to ask for contact details."));
			return current;
		}
	}

	private static <T> @Nullable T parse(List<Violation> violations, String field, @Nullable String input,
			@Nullable String missingMessage, String invalidMessage, Parser<T> parser, @Nullable T fallback) {
		var text = text(input).strip();
		if (text.isEmpty()) {
			if (missingMessage != null) {
				violations.add(new Violation(field, missingMessage));
			}
			return fallback;
		}
		try {
			return parser.parse(text);
		}
		catch (NumberFormatException ex) {
			violations.add(new Violation(field, invalidMessage));
			return fallback;
		}
	}

	private static String text(@Nullable String input) {
		return input == null ? "" : input;
	}

	private static @Nullable String blankToNull(@Nullable String input) {
		return input == null || input.isBlank() ? null : input;
	}

	/** A decimal number; a decimal comma is read as a point. */
	private static BigDecimal decimal(String text) {
		return new BigDecimal(text.replace(',', '.'));
	}

	/** A whole number; thousands separators (comma, underscore, space) are ignored. */
	private static Integer integer(String text) {
		return Integer.valueOf(text.replaceAll("[,_\\s]", ""));
	}

	private static Long whole(String text) {
		return Long.valueOf(text.replaceAll("[,_\\s]", ""));
	}

	/** One entry per line; blank lines are dropped. */
	static List<String> lines(@Nullable String input) {
		return Arrays.stream(text(input).split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	/** One entry per line or separated by commas; blank entries are dropped. */
	static List<String> entries(@Nullable String input) {
		return Arrays.stream(text(input).split("[\\r\\n,]+")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
	}

	/** Settings built from the form and what could not be read from it. */
	record Conversion(BotSettings settings, List<Violation> violations) {
	}

	@FunctionalInterface
	private interface Parser<T> {

		T parse(String text);

	}

}
