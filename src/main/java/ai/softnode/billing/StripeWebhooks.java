package ai.softnode.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;

import ai.softnode.billing.BillingAccounts.InvoiceLine;
import ai.softnode.billing.BillingAccounts.SubscriptionState;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.Problem;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.workspaces.WorkspaceManagement;

/**
 * Applies Stripe webhooks. The signature is checked over the raw body; the workspace comes from the
 * stored customer mapping, never from the event; each event id is recorded in the transaction of its
 * effect, so a redelivery, even a concurrent one, changes nothing; an event older than the state it
 * would change is recorded but not applied.
 */
@Service
class StripeWebhooks {

	private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

	static final Set<String> HANDLED = Set.of("checkout.session.completed", "customer.subscription.created",
			"customer.subscription.updated", "customer.subscription.deleted", "invoice.paid", "invoice.payment_failed");

	private final StripeProperties stripe;

	private final BillingProperties properties;

	private final Entitlements entitlements;

	private final BillingAccounts accounts;

	private final UsageAlerts alerts;

	private final WorkspaceManagement workspaces;

	private final SoftnodeProperties softnode;

	private final TransactionTemplate transactions;

	private final Clock clock;

	StripeWebhooks(StripeProperties stripe, BillingProperties properties, Entitlements entitlements, BillingAccounts accounts,
			UsageAlerts alerts, WorkspaceManagement workspaces, SoftnodeProperties softnode, TransactionTemplate transactions,
			Clock clock) {
		this.stripe = stripe;
		this.properties = properties;
		this.entitlements = entitlements;
		this.accounts = accounts;
		this.alerts = alerts;
		this.workspaces = workspaces;
		this.softnode = softnode;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Verifies and applies one delivery; returns what happened, for the acknowledgement. */
	String receive(byte[] body, @Nullable String signature) {
		if (this.stripe.webhookSecret().isBlank()) {
			throw new Problem(HttpStatus.SERVICE_UNAVAILABLE, "webhook_not_configured",
					"Stripe webhooks are not accepted: no webhook secret is configured on this installation.");
		}
		if (signature == null || signature.isBlank()) {
			throw Problem.badRequest("invalid_signature", "The Stripe-Signature header is missing.");
		}
		var payload = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		Event event;
		try {
			event = Webhook.constructEvent(payload, signature, this.stripe.webhookSecret(), this.stripe.webhookTolerance().toSeconds(),
					this.clock);
		}
		catch (SignatureVerificationException ex) {
			var expired = ex.getMessage() != null && ex.getMessage().contains("tolerance");
			throw Problem.badRequest(expired ? "signature_expired" : "invalid_signature",
					expired ? "The signed timestamp is too old; the event was not applied." : "The Stripe signature does not match.");
		}
		catch (RuntimeException ex) {
			throw malformed();
		}
		if (event == null || event.getId() == null || event.getType() == null || event.getCreated() == null) {
			throw malformed();
		}
		if (!HANDLED.contains(event.getType())) {
			log.debug("Ignored Stripe event {} of type {}", event.getId(), event.getType());
			return "ignored";
		}
		var object = object(event);
		var customer = customerOf(object);
		if (customer == null) {
			throw malformed();
		}
		var workspace = this.accounts.workspaceOfCustomer(customer).orElse(null);
		if (workspace == null) {
			log.warn("Stripe event {} ({}) is for customer {}, which no workspace has; acknowledged without effect", event.getId(),
					event.getType(), customer);
			return "unknown_customer";
		}
		var applied = this.transactions.execute(tx -> {
			if (!this.accounts.markProcessed(event.getId(), event.getType(), workspace, now())) {
				return false;
			}
			apply(workspace, event, object);
			return true;
		});
		return Boolean.TRUE.equals(applied) ? "processed" : "duplicate";
	}

	private void apply(WorkspaceId workspace, Event event, StripeObject object) {
		long at = event.getCreated();
		if (object instanceof Session session) {
			completeCheckout(workspace, session, at);
		}
		else if (object instanceof Subscription subscription) {
			applySubscription(workspace, subscription, event.getType().equals("customer.subscription.deleted"), at);
		}
		else if (object instanceof Invoice invoice) {
			var paid = event.getType().equals("invoice.paid");
			this.accounts.saveInvoice(workspace, invoiceLine(invoice, paid ? "paid" : "payment_failed"));
			if (paid) {
				this.accounts.endGrace(workspace, at, now());
			}
			else {
				paymentFailed(workspace, at);
			}
		}
	}

	private void completeCheckout(WorkspaceId workspace, Session session, long at) {
		if (session.getClientReferenceId() != null && !session.getClientReferenceId().equals(workspace.toString())) {
			log.warn("Checkout {} names workspace {} but its customer belongs to {}; not applied", session.getId(),
					session.getClientReferenceId(), workspace);
			return;
		}
		var plan = this.accounts.checkoutPlan(workspace, session.getId()).orElse(null);
		if (plan == null || session.getSubscription() == null) {
			log.warn("Checkout {} was not started by this installation for workspace {}; not applied", session.getId(), workspace);
			return;
		}
		this.accounts.applySubscription(workspace,
				new SubscriptionState(session.getSubscription(), plan, "active", null, null, false, at), grace(), now());
	}

	private void applySubscription(WorkspaceId workspace, Subscription subscription, boolean deleted, long at) {
		var items = subscription.getItems() == null ? java.util.List.<com.stripe.model.SubscriptionItem>of() : subscription.getItems().getData();
		var item = items == null || items.isEmpty() ? null : items.get(0);
		var priceId = item == null || item.getPrice() == null ? null : item.getPrice().getId();
		var plan = this.entitlements.planForPrice(priceId).map(Plan::key).orElse(null);
		var status = deleted ? "canceled" : String.valueOf(subscription.getStatus());
		if (plan == null && !deleted) {
			log.warn("Subscription {} of workspace {} has price {}, which no plan has; not applied", subscription.getId(), workspace, priceId);
			return;
		}
		var state = new SubscriptionState(subscription.getId(), plan, status, epoch(item == null ? null : item.getCurrentPeriodStart()),
				epoch(item == null ? null : item.getCurrentPeriodEnd()), Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), at);
		if (!this.accounts.applySubscription(workspace, state, grace(), now())) {
			log.info("Subscription event for {} of workspace {} is older than the stored state; not applied", subscription.getId(), workspace);
		}
	}

	private void paymentFailed(WorkspaceId workspace, long at) {
		var graceUntil = grace();
		if (!this.accounts.startGrace(workspace, graceUntil, at, now())) {
			return;
		}
		var account = this.accounts.find(workspace).orElseThrow();
		var until = account.graceUntil() == null ? graceUntil : account.graceUntil();
		this.alerts.mail(workspace, "Your Softnode payment failed", """
				Hello,

				Stripe could not collect the payment for your workspace "%s".
				Your plan stays active until %s. Please update your payment method before then, or the workspace
				moves to the free plan (your bots, knowledge and conversations are kept).

				Manage billing:

				%s
				""".formatted(this.workspaces.name(workspace), until.toLocalDate(), this.softnode.link(PlanLimits.BILLING_PATH)),
				"billing-payment-failed");
	}

	private static InvoiceLine invoiceLine(Invoice invoice, String status) {
		var amount = "paid".equals(status) ? invoice.getAmountPaid() : invoice.getAmountDue();
		var created = invoice.getCreated() == null ? Instant.now() : Instant.ofEpochSecond(invoice.getCreated());
		return new InvoiceLine(invoice.getId(), invoice.getNumber(), status, amount == null ? 0 : amount,
				invoice.getCurrency() == null ? "usd" : invoice.getCurrency(), safeUrl(invoice.getHostedInvoiceUrl()),
				created.atOffset(ZoneOffset.UTC));
	}

	/** Only https links from Stripe (and http ones for local stand-ins) are shown. */
	private static @Nullable String safeUrl(@Nullable String url) {
		return url != null && (url.startsWith("https://") || url.startsWith("http://")) && url.length() <= 2000 ? url : null;
	}

	private static StripeObject object(Event event) {
		var deserializer = event.getDataObjectDeserializer();
		var object = deserializer.getObject();
		if (object.isPresent()) {
			return object.get();
		}
		try {
			return deserializer.deserializeUnsafe();
		}
		catch (EventDataObjectDeserializationException | RuntimeException ex) {
			throw malformed();
		}
	}

	private static @Nullable String customerOf(StripeObject object) {
		if (object instanceof Session session) {
			return session.getCustomer();
		}
		if (object instanceof Subscription subscription) {
			return subscription.getCustomer();
		}
		return object instanceof Invoice invoice ? invoice.getCustomer() : null;
	}

	private static @Nullable OffsetDateTime epoch(@Nullable Long seconds) {
		return seconds == null ? null : Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC);
	}

	private OffsetDateTime grace() {
		return now().plus(this.properties.gracePeriod());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static Problem malformed() {
		return Problem.badRequest("malformed_event", "The body is not a Stripe event this endpoint understands.");
	}

}
