package ai.softnode.audit;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.accounts.UserAccount;
import ai.softnode.platform.Audited;
import ai.softnode.platform.ClientIp;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.visitors.VisitorTracking;
import ai.softnode.workspaces.WorkspaceManagement;

/**
 * Writes the audit log. {@link Audited} events are recorded synchronously in the publisher's thread and
 * transaction (a plain {@code @EventListener}), so an entry exists exactly when the audited action
 * committed: a rolled-back action leaves no entry, and no action commits without its entry. Sign-ins
 * and failed sign-ins come from Spring Security's authentication events and are recorded in every
 * workspace the user belongs to; a failed attempt for an address no account has is not recorded, so
 * addresses typed by strangers are never stored.
 */
@Component
class AuditRecorder {

	static final String DELETED_USER = "deleted user";

	private final AuditLog log;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final VisitorTracking locations;

	private final ClientIp clientIp;

	private final Clock clock;

	AuditRecorder(AuditLog log, AccountManagement accounts, WorkspaceManagement workspaces, VisitorTracking locations,
			ClientIp clientIp, Clock clock) {
		this.log = log;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.locations = locations;
		this.clientIp = clientIp;
		this.clock = clock;
	}

	@EventListener
	void on(Audited event) {
		var actor = event.actor().isBlank() ? describe(event.actorId()) : event.actor();
		var ip = event.clientIp() != null ? event.clientIp() : currentClientIp();
		this.log.append(event.workspace(), event.actorId(), actor, event.action(), event.target(), country(ip), event.at());
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
			userId(authentication).flatMap(this.accounts::find)
				.ifPresent(user -> recordForMemberships(user, "auth.sign_in", ""));
		}
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof String email && !email.isBlank()) {
			var reason = event.getException() instanceof BadCredentialsException ? "wrong password"
					: "refused: " + event.getException().getClass().getSimpleName();
			this.accounts.findByEmail(email).ifPresent(user -> recordForMemberships(user, "auth.sign_in_failed", reason));
		}
	}

	private void recordForMemberships(UserAccount user, String action, String target) {
		var country = country(currentClientIp());
		var now = this.clock.instant();
		for (var membership : this.workspaces.memberships(user.id())) {
			this.log.append(new WorkspaceId(membership.id()), user.id(), user.email(), action, target, country, now);
		}
	}

	/** The actor of an event that named none: the user's address, marked when acting through an API key. */
	private String describe(@Nullable UUID actorId) {
		if (actorId == null) {
			return "system";
		}
		var email = this.accounts.find(actorId).map(UserAccount::email).orElse(DELETED_USER);
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		var viaApiKey = authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> "ROLE_API".equals(a.getAuthority()));
		return viaApiKey ? "API key of " + email : email;
	}

	private @Nullable String country(@Nullable String ip) {
		return ip == null ? null : this.locations.locate(ip).country();
	}

	private @Nullable String currentClientIp() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? this.clientIp.of(attributes.getRequest()) : null;
	}

	private static Optional<UUID> userId(Authentication authentication) {
		try {
			return Optional.of(UUID.fromString(authentication.getName()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
