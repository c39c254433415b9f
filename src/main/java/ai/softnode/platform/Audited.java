package ai.softnode.platform;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Something worth an entry in the workspace's audit log happened. Any module publishes it through
 * Spring's {@code ApplicationEventPublisher}; the audit module records it. The client address is used
 * only to derive a country and is never stored.
 *
 * @param workspace the workspace concerned, {@code null} for account-level events (sign-in)
 * @param actorId the user acting, {@code null} for visitors, the system or unknown users
 * @param actor how to show the actor (an email, "API key ci-deploy", "retention purge", "visitor")
 * @param action stable dotted code, e.g. {@code auth.sign_in}, {@code api_key.created}, {@code bot.deleted}
 * @param target what was acted on, human readable (a bot's name, a member's email), may be empty
 * @param clientIp the client's address as resolved by {@link ClientIp}, {@code null} when not from a request
 * @param at when it happened
 */
public record Audited(@Nullable WorkspaceId workspace, @Nullable UUID actorId, String actor, String action,
		String target, @Nullable String clientIp, Instant at) {

	/** An action by the tenant's actor (a signed-in user or an API key) in its workspace. */
	public static Audited by(Tenant tenant, String actor, String action, String target, @Nullable String clientIp,
			Instant at) {
		return new Audited(tenant.workspace(), tenant.userId(), actor, action, target, clientIp, at);
	}

}
