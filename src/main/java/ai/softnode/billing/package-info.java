/**
 * Plans, quotas and usage, and Stripe Checkout, Customer Portal and webhooks. Implements the chat
 * module's {@code MessageQuota} (visitor messages per billing period, reserved atomically in the
 * database) and the platform's {@code PlanLimits} (bots, members, knowledge); publishes
 * {@link ai.softnode.billing.Entitlements}. Without a Stripe secret key billing is off and every
 * workspace has the self-hosted plan. Stores only Stripe ids, never card data.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "workspaces", "chat", "notifications", "accounts", "bots", "privacy::spi" })
package ai.softnode.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
