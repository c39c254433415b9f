package ai.softnode.accounts;

import java.util.UUID;

/**
 * A new user has signed up; published inside the sign-up transaction.
 *
 * @param userId the new user
 * @param company the company name they gave, which becomes their workspace
 */
public record UserSignedUp(UUID userId, String email, String name, String company) {
}
