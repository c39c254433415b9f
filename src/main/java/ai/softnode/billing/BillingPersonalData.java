package ai.softnode.billing;

import java.io.IOException;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * Billing references (Stripe ids, plan, status, invoices; never card data). Erasing a workspace
 * cancels its Stripe subscription first, so a deleted workspace is never charged again; if Stripe
 * cannot be reached the deletion stops before anything is removed and can be run again.
 */
@Component
@Order(30)
class BillingPersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	private final BillingManagement billing;

	BillingPersonalData(JdbcClient jdbc, BillingManagement billing) {
		this.jdbc = jdbc;
		this.billing = billing;
	}

	@Override
	public String name() {
		return "billing";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		var ws = workspace.value();
		archive.add("billing/account.json", "Billing references: the Stripe customer and subscription ids, plan, status and billing"
				+ " period. Card details are held by Stripe only.",
				out -> ExportRows.jsonObject(this.jdbc.sql("""
						SELECT customer_id, plan, subscription_id, status, period_start, period_end, cancel_at_period_end, grace_until, updated_at
						FROM billing_account WHERE workspace_id = :ws""").param("ws", ws), out));
		archive.add("billing/invoices.jsonl", "Invoices, one per line: Stripe invoice id, number, status, amount (in the currency's"
				+ " smallest unit), currency and link.",
				out -> ExportRows.jsonLines(this.jdbc.sql("""
						SELECT id, number, status, amount, currency, hosted_url, created_at FROM billing_invoice WHERE workspace_id = :ws
						ORDER BY created_at""").param("ws", ws), out));
		archive.add("billing/usage.jsonl", "Visitor messages counted per billing period.",
				out -> ExportRows.jsonLines(this.jdbc.sql("SELECT period_key, messages FROM billing_usage WHERE workspace_id = :ws ORDER BY period_key")
					.param("ws", ws), out));
	}

	/** Cancels the subscription before anything is removed, outside any transaction (an HTTP call to Stripe). */
	@Override
	public void beforeErasure(WorkspaceId workspace) {
		this.billing.cancelForDeletion(workspace);
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		for (var table : new String[] { "billing_invoice", "billing_usage", "billing_checkout", "billing_stripe_event", "billing_account" }) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :ws").param("ws", workspace.value()).update();
		}
	}

}
