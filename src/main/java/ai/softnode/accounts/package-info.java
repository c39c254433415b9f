/**
 * People who sign in: sign-up, login, Argon2id password hashes, email verification, password reset
 * and profile correction. Publishes {@link ai.softnode.accounts.UserSignedUp} so the workspaces
 * module can create the new user's workspace in the same transaction.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "notifications", "privacy::spi" })
package ai.softnode.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
