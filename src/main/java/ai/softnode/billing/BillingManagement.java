package ai.softnode.billing;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.Tenant;
import ai.softnode.workspaces.WorkspaceManagement;

/**
 * Starts Stripe Checkout for an upgrade and opens the Customer Portal; only owners may. The Stripe
 * customer is created once per workspace (an idempotency key per workspace makes concurrent first
 * upgrades share it) and its id is the only link between Stripe and the workspace.
 */
@Service
class BillingManagement {

	private static final Logger log = LoggerFactory.getLogger(BillingManagement.class);

	private final StripeProperties stripe;

	private final Entitlements entitlements;

	private final BillingAccounts accounts;

	private final WorkspaceManagement workspaces;

	private final SoftnodeProperties softnode;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final StripeClient client;

	BillingManagement(StripeProperties stripe, Entitlements entitlements, BillingAccounts accounts, WorkspaceManagement workspaces,
			SoftnodeProperties softnode, TransactionTemplate transactions, Clock clock) {
		this.stripe = stripe;
		this.entitlements = entitlements;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.softnode = softnode;
		this.transactions = transactions;
		this.clock = clock;
		var builder = StripeClient.builder().setApiKey(stripe.enabled() ? stripe.secretKey() : "billing-off").setMaxNetworkRetries(1);
		if (!stripe.apiBase().isBlank()) {
			builder.setApiBase(stripe.apiBase());
		}
		this.client = builder.build();
	}

	/** Starts a subscription Checkout for {@code planKey} and returns the Stripe page to send the owner to. */
	String checkout(Tenant tenant, String planKey) {
		tenant.require(Role.OWNER);
		requireEnabled();
		var plan = this.entitlements.plan(planKey)
			.filter(Plan::paid)
			.orElseThrow(() -> Problem.invalid("plan", "Choose one of the paid plans."));
		if (this.entitlements.plan(tenant.workspace()).key().equals(plan.key())) {
			throw Problem.conflict("plan_already_active", "Your workspace is already on the " + plan.name() + " plan.");
		}
		var customer = customer(tenant);
		try {
			var session = this.client.v1().checkout().sessions().create(SessionCreateParams.builder()
				.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
				.setCustomer(customer)
				.setClientReferenceId(tenant.workspace().toString())
				.addLineItem(SessionCreateParams.LineItem.builder().setPrice(plan.priceId()).setQuantity(1L).build())
				.setSuccessUrl(this.softnode.link(PlanLimits.BILLING_PATH + "?checkout=success"))
				.setCancelUrl(this.softnode.link(PlanLimits.BILLING_PATH + "?checkout=canceled"))
				.build());
			if (session.getUrl() == null) {
				throw unavailable(null);
			}
			this.transactions.executeWithoutResult(tx -> this.accounts.saveCheckout(tenant.workspace(), session.getId(), plan.key(), now()));
			return session.getUrl();
		}
		catch (StripeException ex) {
			throw unavailable(ex);
		}
	}

	/** Opens the Stripe Customer Portal, where the owner changes the card, the plan or cancels. */
	String portal(Tenant tenant) {
		tenant.require(Role.OWNER);
		requireEnabled();
		var customer = this.accounts.find(tenant.workspace()).map(BillingAccount::customerId)
			.orElseThrow(() -> Problem.conflict("no_billing_account", "There is nothing to manage yet: choose a paid plan first."));
		try {
			var session = this.client.v1().billingPortal().sessions().create(com.stripe.param.billingportal.SessionCreateParams.builder()
				.setCustomer(customer)
				.setReturnUrl(this.softnode.link(PlanLimits.BILLING_PATH))
				.build());
			return session.getUrl();
		}
		catch (StripeException ex) {
			throw unavailable(ex);
		}
	}

	private String customer(Tenant tenant) {
		var stored = this.accounts.find(tenant.workspace()).map(BillingAccount::customerId);
		if (stored.isPresent()) {
			return stored.get();
		}
		var owners = this.workspaces.ownerEmails(tenant.workspace());
		var params = CustomerCreateParams.builder().setName(this.workspaces.name(tenant.workspace()))
			.putMetadata("workspace_id", tenant.workspace().toString());
		if (!owners.isEmpty()) {
			params.setEmail(owners.get(0));
		}
		try {
			var created = this.client.v1().customers().create(params.build(),
					RequestOptions.builder().setIdempotencyKey("softnode-customer-" + tenant.workspace()).build());
			return this.transactions.execute(tx -> this.accounts.linkCustomer(tenant.workspace(), created.getId(), now()));
		}
		catch (StripeException ex) {
			throw unavailable(ex);
		}
	}

	/**
	 * Cancels the workspace's subscription at once (not at the period's end), for the deletion of the
	 * workspace; nothing to do when billing is off or there is no subscription. A subscription Stripe
	 * no longer knows counts as cancelled.
	 */
	void cancelForDeletion(ai.softnode.platform.WorkspaceId workspace) {
		if (!this.stripe.enabled()) {
			return;
		}
		var subscription = this.accounts.find(workspace).map(BillingAccount::subscriptionId).orElse(null);
		if (subscription == null || subscription.isBlank()) {
			return;
		}
		try {
			this.client.v1().subscriptions().cancel(subscription, RequestOptions.builder()
				.setIdempotencyKey("softnode-cancel-" + subscription).build());
		}
		catch (com.stripe.exception.InvalidRequestException ex) {
			if (!"resource_missing".equals(ex.getCode())) {
				throw unavailable(ex);
			}
		}
		catch (StripeException ex) {
			throw unavailable(ex);
		}
	}

	private void requireEnabled() {
		if (!this.stripe.enabled()) {
			throw Problem.conflict("billing_disabled", "Billing is off on this installation: every workspace has the self-hosted plan.");
		}
	}

	private Problem unavailable(@org.jspecify.annotations.Nullable StripeException ex) {
		log.warn("Stripe request failed: {}", ex == null ? "no URL in the answer" : ex.getMessage());
		return new Problem(HttpStatus.BAD_GATEWAY, "stripe_unavailable",
				"Stripe could not be reached, so nothing changed and nothing was charged. Please try again in a minute.");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
