package ai.softnode.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.platform.WorkspaceId;

/** The billing tables: accounts and their customer mapping, checkouts, processed events and invoices. */
@Repository
class BillingAccounts {

	private final JdbcClient jdbc;

	BillingAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<BillingAccount> find(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT * FROM billing_account WHERE workspace_id = :ws")
			.param("ws", workspace.value())
			.query((rs, n) -> account(rs))
			.optional();
	}

	/** The workspace whose Stripe customer is {@code customerId}, as stored when the platform created it. */
	Optional<WorkspaceId> workspaceOfCustomer(String customerId) {
		return this.jdbc.sql("SELECT workspace_id FROM billing_account WHERE customer_id = :c")
			.param("c", customerId)
			.query(UUID.class)
			.optional()
			.map(WorkspaceId::new);
	}

	/** Stores {@code customerId} unless the workspace has one already; returns the one stored. */
	String linkCustomer(WorkspaceId workspace, String customerId, OffsetDateTime now) {
		try {
			this.jdbc.sql("INSERT INTO billing_account (workspace_id, updated_at) VALUES (:ws, :now) ON CONFLICT DO NOTHING")
				.param("ws", workspace.value()).param("now", now).update();
		}
		catch (DataIntegrityViolationException concurrentInsert) {
			// another request created the row first; the update below works on it
		}
		this.jdbc.sql("UPDATE billing_account SET customer_id = :c, updated_at = :now WHERE workspace_id = :ws AND customer_id IS NULL")
			.param("c", customerId).param("now", now).param("ws", workspace.value()).update();
		return find(workspace).map(BillingAccount::customerId).orElseThrow();
	}

	void saveCheckout(WorkspaceId workspace, String sessionId, String plan, OffsetDateTime now) {
		this.jdbc.sql("INSERT INTO billing_checkout (session_id, workspace_id, plan, created_at) VALUES (:id, :ws, :plan, :now)")
			.param("id", sessionId).param("ws", workspace.value()).param("plan", plan).param("now", now).update();
	}

	Optional<String> checkoutPlan(WorkspaceId workspace, String sessionId) {
		return this.jdbc.sql("SELECT plan FROM billing_checkout WHERE session_id = :id AND workspace_id = :ws")
			.param("id", sessionId).param("ws", workspace.value()).query(String.class).optional();
	}

	/**
	 * Records that event {@code id} is being applied, in the caller's transaction; {@code false} when it
	 * was applied before (or is being applied by a concurrent delivery that commits first).
	 */
	boolean markProcessed(String id, String type, @Nullable WorkspaceId workspace, OffsetDateTime now) {
		try {
			return this.jdbc.sql("""
					INSERT INTO billing_stripe_event (id, type, workspace_id, processed_at) VALUES (:id, :type, :ws, :now)
					ON CONFLICT DO NOTHING""")
				.param("id", id).param("type", type).param("ws", workspace == null ? null : workspace.value()).param("now", now)
				.update() == 1;
		}
		catch (DataIntegrityViolationException duplicate) {
			return false;
		}
	}

	/** Applies a subscription's state when it is not older than what is stored. */
	boolean applySubscription(WorkspaceId workspace, SubscriptionState state, OffsetDateTime graceUntil, OffsetDateTime now) {
		return this.jdbc.sql("""
				UPDATE billing_account SET plan = COALESCE(:plan, plan), subscription_id = :sub, status = :status,
				    period_start = COALESCE(:start, period_start), period_end = COALESCE(:end, period_end),
				    cancel_at_period_end = :cancel,
				    grace_until = CASE WHEN :status IN ('active', 'trialing') THEN NULL
				                       WHEN :status IN ('past_due', 'unpaid') THEN COALESCE(grace_until, :grace)
				                       ELSE grace_until END,
				    state_at = :at, updated_at = :now
				WHERE workspace_id = :ws AND state_at <= :at
				  AND NOT (COALESCE(subscription_id, '') = :sub AND COALESCE(status, '') = 'canceled' AND :status <> 'canceled')
				  AND NOT (COALESCE(subscription_id, :sub) <> :sub AND COALESCE(status, '') IN ('active', 'trialing', 'past_due')
				           AND :status IN ('canceled', 'incomplete_expired'))""")
			.param("plan", state.plan()).param("sub", state.subscriptionId()).param("status", state.status())
			.param("start", state.periodStart()).param("end", state.periodEnd()).param("cancel", state.cancelAtPeriodEnd())
			.param("grace", graceUntil).param("at", state.at()).param("now", now).param("ws", workspace.value())
			.update() == 1;
	}

	/** A payment failed: the grace period starts (once) and the subscription counts as past due. */
	boolean startGrace(WorkspaceId workspace, OffsetDateTime graceUntil, long at, OffsetDateTime now) {
		return this.jdbc.sql("""
				UPDATE billing_account SET grace_until = COALESCE(grace_until, :grace),
				    status = CASE WHEN status IN ('active', 'trialing') THEN 'past_due' ELSE status END,
				    state_at = :at, updated_at = :now
				WHERE workspace_id = :ws AND state_at <= :at AND status IN ('active', 'trialing', 'past_due', 'unpaid')""")
			.param("grace", graceUntil).param("at", at).param("now", now).param("ws", workspace.value())
			.update() == 1;
	}

	/** A payment went through: a past-due subscription is active again. */
	void endGrace(WorkspaceId workspace, long at, OffsetDateTime now) {
		this.jdbc.sql("""
				UPDATE billing_account SET grace_until = NULL, status = 'active', state_at = :at, updated_at = :now
				WHERE workspace_id = :ws AND state_at <= :at AND status IN ('past_due', 'unpaid')""")
			.param("at", at).param("now", now).param("ws", workspace.value()).update();
	}

	void saveInvoice(WorkspaceId workspace, InvoiceLine invoice) {
		var updated = this.jdbc.sql("UPDATE billing_invoice SET status = :status, amount = :amount, hosted_url = COALESCE(:url, hosted_url), number = COALESCE(:number, number) WHERE id = :id AND workspace_id = :ws")
			.param("status", invoice.status()).param("amount", invoice.amount()).param("url", invoice.hostedUrl())
			.param("number", invoice.number()).param("id", invoice.id()).param("ws", workspace.value()).update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO billing_invoice (id, workspace_id, number, status, amount, currency, hosted_url, created_at)
					VALUES (:id, :ws, :number, :status, :amount, :currency, :url, :created)""")
				.param("id", invoice.id()).param("ws", workspace.value()).param("number", invoice.number())
				.param("status", invoice.status()).param("amount", invoice.amount()).param("currency", invoice.currency())
				.param("url", invoice.hostedUrl()).param("created", invoice.createdAt()).update();
		}
	}

	List<InvoiceLine> invoices(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT * FROM billing_invoice WHERE workspace_id = :ws ORDER BY created_at DESC FETCH FIRST 24 ROWS ONLY")
			.param("ws", workspace.value())
			.query((rs, n) -> new InvoiceLine(rs.getString("id"), rs.getString("number"), rs.getString("status"), rs.getLong("amount"),
					rs.getString("currency"), rs.getString("hosted_url"), rs.getObject("created_at", OffsetDateTime.class)))
			.list();
	}

	private static BillingAccount account(ResultSet rs) throws SQLException {
		return new BillingAccount(new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("customer_id"),
				rs.getString("plan"), rs.getString("subscription_id"), rs.getString("status"),
				rs.getObject("period_start", OffsetDateTime.class), rs.getObject("period_end", OffsetDateTime.class),
				rs.getBoolean("cancel_at_period_end"), rs.getObject("grace_until", OffsetDateTime.class), rs.getLong("state_at"));
	}

	/** A subscription as a webhook described it; {@code at} is the event's creation time in epoch seconds. */
	record SubscriptionState(String subscriptionId, @Nullable String plan, String status, @Nullable OffsetDateTime periodStart,
			@Nullable OffsetDateTime periodEnd, boolean cancelAtPeriodEnd, long at) {
	}

	/** An invoice as the billing page lists it; amounts in the currency's smallest unit. */
	record InvoiceLine(String id, @Nullable String number, String status, long amount, String currency, @Nullable String hostedUrl,
			OffsetDateTime createdAt) {

		public String amountText() {
			return String.format(java.util.Locale.ROOT, "%.2f %s", this.amount / 100.0, this.currency.toUpperCase(java.util.Locale.ROOT));
		}

	}

}
