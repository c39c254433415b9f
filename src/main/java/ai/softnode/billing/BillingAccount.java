package ai.softnode.billing;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.WorkspaceId;

/**
 * A workspace's billing state as the Stripe webhooks last left it.
 *
 * @param plan the plan of the subscription, kept after it ends so the page can say what ended
 * @param status Stripe's subscription status ({@code active}, {@code past_due}, {@code canceled}, …)
 * @param graceUntil set after a failed payment: until then the paid plan stays in force
 * @param stateAt Stripe's creation time (epoch seconds) of the newest event applied
 */
record BillingAccount(WorkspaceId workspace, @Nullable String customerId, @Nullable String plan, @Nullable String subscriptionId,
		@Nullable String status, @Nullable OffsetDateTime periodStart, @Nullable OffsetDateTime periodEnd, boolean cancelAtPeriodEnd,
		@Nullable OffsetDateTime graceUntil, long stateAt) {

	/** Whether the subscription's plan is in force at {@code now}. */
	boolean paidPlanInForce(Instant now) {
		if (this.plan == null || this.status == null) {
			return false;
		}
		return switch (this.status) {
			case "active", "trialing" -> !(this.cancelAtPeriodEnd && this.periodEnd != null && !now.isBefore(this.periodEnd.toInstant()));
			case "past_due", "unpaid" -> inGrace(now);
			default -> false;
		};
	}

	boolean inGrace(Instant now) {
		return this.graceUntil != null && now.isBefore(this.graceUntil.toInstant());
	}

}
