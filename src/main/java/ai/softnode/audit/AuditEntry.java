package ai.softnode.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit log as the page, the API and the CSV show it.
 *
 * @param at when it happened
 * @param actor who acted (an email, "API key of …", "deleted user")
 * @param actorId the acting user, {@code null} when unknown or deleted
 * @param action stable dotted code, e.g. {@code auth.sign_in}
 * @param target what was acted on, may be empty
 * @param country ISO country code derived from the client address, {@code null} when unknown
 */
public record AuditEntry(OffsetDateTime at, String actor, @Nullable UUID actorId, String action, String target,
		@Nullable String country) {

	/** The action as people read it; unknown codes are shown as they are. */
	public String label() {
		return AuditActions.label(this.action);
	}

}
