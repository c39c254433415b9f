/**
 * The platform's own privacy policy and terms as published versions (shown at {@code /privacy} and
 * {@code /terms} with their history and, for privacy, where this installation sends data), the
 * operator's page {@code /admin} (publishing versions, answering privacy contact requests, product
 * news), the banner asking users to acknowledge a new version, and each user's consent to optional
 * processing (product-improvement analytics, product news by email). Publishes
 * {@link ai.softnode.platform.Audited} for consent changes, acknowledgements and operator actions.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "accounts", "workspaces", "notifications", "privacy::spi" })
package ai.softnode.policies;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
