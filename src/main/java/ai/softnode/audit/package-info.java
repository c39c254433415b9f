/**
 * The audit log: records every {@link ai.softnode.platform.Audited} event and Spring Security's sign-in
 * and failed sign-in events (who, when, what, from which country) in {@code audit_event}, shows it to
 * owners and admins at {@code /app/settings/audit} and {@code GET /api/v1/audit}, keeps it for
 * {@code softnode.audit.retention-days} and takes part in export and erasure through
 * {@link ai.softnode.privacy.spi}.
 * <p>
 * Entries are written synchronously by the publisher's thread, inside its transaction when it has one:
 * an entry exists exactly when the audited action committed. Publishers may leave {@code actor} empty
 * (it is filled in from {@code actorId}: the user's email, "API key of …" on the JSON API) and
 * {@code clientIp} {@code null} (it is taken from the current request, if any).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "accounts", "workspaces", "visitors", "privacy::spi" })
package ai.softnode.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
