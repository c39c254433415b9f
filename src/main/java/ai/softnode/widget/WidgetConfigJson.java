package ai.softnode.widget;

import java.util.List;

import org.jspecify.annotations.Nullable;

import ai.softnode.bots.Bot;
import ai.softnode.visitors.LeadSettings;
import ai.softnode.visitors.VisitorConsents;

/** What a visitor's browser may know about a bot: appearance and greeting, never instructions or model settings. */
record WidgetConfigJson(String publicId, String name, String greeting, List<String> suggestedQuestions, String accentColor,
		String position, String launcherLabel, @Nullable String avatarUrl, LeadCapture leadCapture, boolean poweredBy,
		@Nullable PrivacyNotice privacyNotice) {

	/** {@code question}: the owner's own question on the form, answered optionally unless {@code questionRequired}. */
	record LeadCapture(String mode, int afterMessages, List<String> fields, String consentText, @Nullable String privacyUrl,
			@Nullable String question, boolean questionRequired) {
	}

	/**
	 * The bot's privacy notice; when {@code required}, visitors accept it (naming its {@code version})
	 * before anything they type is sent.
	 */
	record PrivacyNotice(String text, String version, @Nullable String privacyUrl, boolean required) {
	}

	/** {@code poweredBy}: whether the "Powered by Softnode" link shows; plans that allow it remove the branding. */
	static WidgetConfigJson of(Bot bot, LeadSettings leads, boolean poweredBy) {
		var s = bot.settings();
		var notice = s.privacyNotice() == null ? null
				: new PrivacyNotice(s.privacyNotice(), VisitorConsents.version(s.privacyNotice()), leads.privacyUrl(), s.privacyNoticeRequired());
		return new WidgetConfigJson(bot.publicId(), s.name(), s.greeting(), s.suggestedQuestions(), s.accentColor(), s.position(),
				s.launcherLabel(), s.avatarUrl(), new LeadCapture(s.leadCapture().name(), s.leadAfterMessages(), s.leadFields(),
						leads.consentText(), leads.privacyUrl(), s.leadQuestion(), s.leadQuestionRequired()),
				poweredBy, notice);
	}

}
