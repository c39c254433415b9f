package ai.softnode.accounts;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What other modules may know about a user. */
public record UserAccount(UUID id, String email, String name, boolean emailVerified, OffsetDateTime createdAt) {
}
