package ai.softnode.platform;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Resolves who acts in which workspace. Implemented by the workspaces module; used by the security
 * layer, so the platform needs no knowledge of memberships or keys.
 */
public interface TenantDirectory {

	/**
	 * The membership of {@code userId} in {@code preferred} when they belong to it, otherwise their
	 * first workspace; empty when they belong to none.
	 */
	Optional<Tenant> forUser(UUID userId, @Nullable UUID preferred);

	/** The tenant an API key acts for; empty when the key is unknown or revoked. */
	Optional<Tenant> forApiKey(String rawKey);

}
