package ai.softnode.bots;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Everything an owner configures on a bot. Validated as a whole by {@link BotManagement} on create
 * and on every change, whatever the channel (dashboard form or JSON API).
 *
 * @param leadQuestion the owner's own question on the lead form, stored with each lead's answer
 * @param leadQuestionRequired whether visitors must answer {@code leadQuestion}
 * @param privacyNotice the bot's privacy notice, shown in the chat
 * @param privacyNoticeRequired whether visitors must accept {@code privacyNotice} before their first message
 * @param redactStoredLog whether visitor text is stored with the same placeholders the model gets
 */
public record BotSettings(
		@NotBlank(message = "Give the bot a name.") @Size(max = 80, message = "Use at most 80 characters.") String name,
		@NotNull @Size(max = 20000, message = "Use at most 20,000 characters.") String instructions,
		@NotBlank(message = "Choose a model.") String model,
		@NotNull(message = "Set a temperature.") @DecimalMin(value = "0.0", message = "Use a value from 0 to 1.") @DecimalMax(value = "1.0", message = "Use a value from 0 to 1.") BigDecimal temperature,
		@NotNull @Size(max = 500, message = "Use at most 500 characters.") String greeting,
		@NotNull @Size(max = 6, message = "Offer at most 6 suggested questions.") List<@NotBlank(message = "Remove empty questions.") @Size(max = 120, message = "Keep each question under 120 characters.") String> suggestedQuestions,
		@NotBlank(message = "Write what the bot says when it cannot answer.") @Size(max = 500, message = "Use at most 500 characters.") String fallbackMessage,
		@NotNull @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "Use a colour like #4f46e5.") String accentColor,
		@NotNull @Pattern(regexp = "bottom-right|bottom-left", message = "Choose bottom-right or bottom-left.") String position,
		@NotBlank(message = "Write a launcher label.") @Size(max = 30, message = "Use at most 30 characters.") String launcherLabel,
		@Nullable @Size(max = 500, message = "Use at most 500 characters.") @Pattern(regexp = "https://[^\\s\"'<>]+", message = "Use an https:// address of an image.") String avatarUrl,
		@NotNull @Size(max = 50, message = "List at most 50 domains.") List<String> allowedDomains,
		@NotNull(message = "Choose when to ask for contact details.") LeadCaptureMode leadCapture,
		@Min(value = 1, message = "Use a number from 1 to 50.") @Max(value = 50, message = "Use a number from 1 to 50.") int leadAfterMessages,
		@NotNull List<String> leadFields,
		@Nullable @Min(value = 1, message = "Keep logs at least 1 day.") @Max(value = 3650, message = "Keep logs at most 3,650 days.") Integer retentionDays,
		@Min(value = 64, message = "Use 64 to 4,096 tokens.") @Max(value = 4096, message = "Use 64 to 4,096 tokens.") int maxAnswerTokens,
		@Min(value = 0, message = "Use 0 (no limit) or a positive number.") @Max(value = 100_000_000, message = "Use at most 100,000,000.") long dailyTokenBudget,
		boolean redactPersonalData,
		boolean enabled,
		@Nullable @Size(max = 200, message = "Use at most 200 characters.") String leadQuestion,
		boolean leadQuestionRequired,
		@Nullable @Size(max = 1000, message = "Use at most 1,000 characters.") String privacyNotice,
		boolean privacyNoticeRequired,
		boolean redactStoredLog) {

	/** Fields a lead form may ask for. */
	public static final List<String> LEAD_FIELDS = List.of("name", "email", "phone", "company");

	/** Sensible settings for a new bot called {@code name}. */
	public static BotSettings defaults(String name) {
		return new BotSettings(name,
				"You are the friendly assistant of our business. Answer visitors' questions briefly and helpfully.",
				"default", new BigDecimal("0.30"), "Hi! How can I help you today?", List.of(),
				"Sorry, I don't know the answer to that. Could you rephrase, or leave your email so we can get back to you?",
				"#4f46e5", "bottom-right", "Chat with us", null, List.of(), LeadCaptureMode.OFF, 3, List.of("email"), null,
				800, 500_000, true, true, null, false, null, false, false);
	}

}
