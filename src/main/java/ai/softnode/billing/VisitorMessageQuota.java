package ai.softnode.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.chat.MessageQuota;
import ai.softnode.platform.WorkspaceId;

/**
 * Counts visitor messages per workspace and billing period. A reservation is one transaction on the
 * period's row: for an unlimited plan one UPDATE adding the messages, for a limited plan the row is
 * read with {@code FOR UPDATE} and only what the limit leaves is added. The database serialises these
 * per row, so the count is exact with any number of concurrent requests and nodes.
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
	public int reserve(WorkspaceId workspace, int messages) {
		if (messages <= 0) {
			throw new IllegalArgumentException("messages must be positive: " + messages);
		}
		var state = this.entitlements.state(workspace);
		var limit = state.plan().messages();
		var key = state.period().key();
		var reserved = this.transactions.execute(tx -> {
			// the period's row exists for all but its first reservation: it is created only when the
			// first attempt finds none
			var granted = add(workspace, key, limit, messages);
			if (granted < 0) {
				ensureRow(workspace, key);
				granted = add(workspace, key, limit, messages);
			}
			if (limit >= 0 && this.entitlements.billingEnabled()) {
				this.alerts.check(workspace, state.plan(), key, limit);
			}
			return granted;
		});
		return reserved == null ? 0 : Math.max(reserved, 0);
	}

	/** Adds up to {@code messages} to the period's count within {@code limit}; how many it added, -1 when the row is missing. */
	private int add(WorkspaceId workspace, String key, long limit, int messages) {
		if (limit < 0) {
			return addMessages(workspace, key, messages) == 0 ? -1 : messages;
		}
		var used = this.jdbc.sql("SELECT messages FROM billing_usage WHERE workspace_id = :ws AND period_key = :key FOR UPDATE")
			.param("ws", workspace.value()).param("key", key).query(Long.class).optional();
		if (used.isEmpty()) {
			return -1;
		}
		var granted = (int) Math.max(0, Math.min(messages, limit - used.get()));
		if (granted > 0) {
			addMessages(workspace, key, granted);
		}
		return granted;
	}

	/** Adds {@code n} to the period's count; the rows changed (0 when the row is missing). */
	private int addMessages(WorkspaceId workspace, String key, int n) {
		return this.jdbc.sql("UPDATE billing_usage SET messages = messages + :n WHERE workspace_id = :ws AND period_key = :key")
			.param("n", n).param("ws", workspace.value()).param("key", key).update();
	}

	/** Creates the period's row; when another request created it first, nothing happens and the count after this uses it. */
	private void ensureRow(WorkspaceId workspace, String key) {
		this.jdbc.sql("""
				INSERT INTO billing_usage (workspace_id, period_key, messages) VALUES (:ws, :key, 0)
				ON CONFLICT DO NOTHING""")
			.param("ws", workspace.value()).param("key", key).update();
	}

}
