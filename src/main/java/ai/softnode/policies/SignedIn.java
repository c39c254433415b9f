package ai.softnode.policies;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/** The user id behind a browser session's authentication (its name is the user's id). */
final class SignedIn {

	private SignedIn() {
	}

	static @Nullable UUID userId(@Nullable Authentication authentication) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
			return null;
		}
		try {
			return UUID.fromString(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
