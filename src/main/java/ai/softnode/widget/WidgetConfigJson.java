package ai.softnode.widget;

import java.util.List;

import org.jspecify.annotations.Nullable;

import ai.softnode.bots.Bot;
import ai.softnode.visitors.LeadSettings;

/** What a visitor's browser may know about a bot: appearance and greeting, never instructions or model settings. */
record WidgetConfigJson(String publicId, String name, String greeting, List<String> suggestedQuestions, String accentColor,
		String position, String launcherLabel, @Nullable String avatarUrl, LeadCapture leadCapture, boolean poweredBy,
		@Nullable String privacyNotice) {

	record LeadCapture(String mode, int afterMessages, List<String> fields, String consentText, @Nullable String privacyUrl) {
	}

	/** {@code poweredBy}: whether the "Powered by Softnode" link shows; plans that allow it remove the branding. */
	static WidgetConfigJson of(Bot bot, LeadSettings leads, boolean poweredBy) {
		var s = bot.settings();
		return new WidgetConfigJson(bot.publicId(), s.name(), s.greeting(), s.suggestedQuestions(), s.accentColor(), s.position(),
				s.launcherLabel(), s.avatarUrl(), new LeadCapture(s.leadCapture().name(), s.leadAfterMessages(), s.leadFields(), leads.consentText(), leads.privacyUrl()),
				poweredBy, null);
	}

}
