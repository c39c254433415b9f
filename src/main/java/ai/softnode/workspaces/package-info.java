/**
 * Tenants: a company's workspace, its members and their roles (OWNER, ADMIN, AGENT), invitations
 * and API keys. Resolves the {@link ai.softnode.platform.Tenant} of every request for the platform.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "accounts", "notifications", "privacy::spi" })
package ai.softnode.workspaces;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
