package ai.softnode.visitors;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a bot's lead form asks for consent and who is told about new leads.
 *
 * @param consentText the sentence next to the consent checkbox; its wording is recorded with each lead
 * @param privacyUrl the owner's privacy policy, linked from the form
 * @param recipients members who get an email for each new lead
 */
public record LeadSettings(String consentText, @Nullable String privacyUrl, Set<UUID> recipients) {
}
