package ai.softnode.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.chat.MessageQuota;
import ai.softnode.platform.WorkspaceId;

/**
 * Counts visitor messages per workspace and billing period. A message is reserved by one conditional
 * UPDATE ({@code messages < limit}), which the database serialises per row, so the count is exact
 * with any number of concurrent requests and nodes.
 */
@Component
class VisitorMessageQuota implements MessageQuota {

	private final Entitlements entitlements;

	private final UsageAlerts alerts;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	VisitorMessageQuota(Entitlements entitlements, UsageAlerts alerts, JdbcClient jdbc, TransactionTemplate transactions) {
		this.entitlements = entitlements;
		this.alerts = alerts;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public boolean reserve(WorkspaceId workspace) {
		var state = this.entitlements.state(workspace);
		var limit = state.plan().messages();
		var key = state.period().key();
		var reserved = this.transactions.execute(tx -> {
			// the period's row exists for all but its first message: it is created only when the update
			// counts nothing (a missing row or the limit reached, told apart by counting again)
			var updated = count(workspace, key, limit);
			if (updated == 0) {
				ensureRow(workspace, key);
				updated = count(workspace, key, limit);
			}
			if (limit >= 0 && this.entitlements.billingEnabled()) {
				this.alerts.check(workspace, state.plan(), key, limit);
			}
			return updated == 1;
		});
		return Boolean.TRUE.equals(reserved);
	}

	/** Adds one message to the period's count, unless the limit is reached; the rows changed (0 or 1). */
	private int count(WorkspaceId workspace, String key, long limit) {
		return limit < 0
				? this.jdbc.sql("UPDATE billing_usage SET messages = messages + 1 WHERE workspace_id = :ws AND period_key = :key")
					.param("ws", workspace.value()).param("key", key).update()
				: this.jdbc.sql("""
						UPDATE billing_usage SET messages = messages + 1
						WHERE workspace_id = :ws AND period_key = :key AND messages < :limit""")
					.param("ws", workspace.value()).param("key", key).param("limit", limit).update();
	}

	/** Creates the period's row; when another request created it first, nothing happens and the count after this uses it. */
	private void ensureRow(WorkspaceId workspace, String key) {
		this.jdbc.sql("""
				INSERT INTO billing_usage (workspace_id, period_key, messages) VALUES (:ws, :key, 0)
				ON CONFLICT DO NOTHING""")
			.param("ws", workspace.value()).param("key", key).update();
	}

}
