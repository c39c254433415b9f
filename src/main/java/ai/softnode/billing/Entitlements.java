package ai.softnode.billing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.WorkspaceId;

/** What each workspace's plan allows now, and how much of its period's messages it has used. */
@Service
public class Entitlements implements PlanLimits {

	private final BillingProperties properties;

	private final StripeProperties stripe;

	private final BillingAccounts accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	Entitlements(BillingProperties properties, StripeProperties stripe, BillingAccounts accounts, JdbcClient jdbc, Clock clock) {
		this.properties = properties;
		this.stripe = stripe;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whether plans are sold through Stripe; otherwise every workspace has the self-hosted plan. */
	public boolean billingEnabled() {
		return this.stripe.enabled();
	}

	/** The configured plans, in configuration order. */
	public List<Plan> plans() {
		return this.properties.plans().entrySet().stream().map(entry -> entry.getValue().toPlan(entry.getKey())).toList();
	}

	public Optional<Plan> plan(String key) {
		return Optional.ofNullable(this.properties.plans().get(key)).map(settings -> settings.toPlan(key));
	}

	Optional<Plan> planForPrice(@Nullable String priceId) {
		return plans().stream().filter(plan -> plan.priceId() != null && plan.priceId().equals(priceId)).findFirst();
	}

	/** The plan in force for {@code workspace}. */
	public Plan plan(WorkspaceId workspace) {
		return state(workspace).plan();
	}

	/** The plan in force and the current billing period. */
	State state(WorkspaceId workspace) {
		var now = OffsetDateTime.now(this.clock);
		if (!billingEnabled()) {
			return new State(this.properties.selfHosted().toPlan("self-hosted"), month(now), null);
		}
		var account = this.accounts.find(workspace).orElse(null);
		var fallback = plan(this.properties.defaultPlan()).orElseThrow();
		if (account == null || !account.paidPlanInForce(now.toInstant())) {
			return new State(fallback, month(now), account);
		}
		var plan = plan(account.plan() == null ? "" : account.plan()).orElse(fallback);
		var start = account.periodStart();
		var end = account.periodEnd();
		var period = start != null && end != null && !now.isBefore(start) && now.isBefore(end)
				? new Period("sub:" + start.toInstant(), start, end) : month(now);
		return new State(plan, period, account);
	}

	/** Visitor messages {@code workspace} used in its current period. */
	public long messagesUsed(WorkspaceId workspace) {
		return messagesUsed(workspace, state(workspace).period());
	}

	long messagesUsed(WorkspaceId workspace, Period period) {
		return this.jdbc.sql("SELECT messages FROM billing_usage WHERE workspace_id = :ws AND period_key = :key")
			.param("ws", workspace.value()).param("key", period.key()).query(Long.class).optional().orElse(0L);
	}

	@Override
	public long maxBots(WorkspaceId workspace) {
		return Plan.cap(plan(workspace).bots());
	}

	@Override
	public long maxMembers(WorkspaceId workspace) {
		return Plan.cap(plan(workspace).members());
	}

	@Override
	public long maxKnowledgeCharacters(WorkspaceId workspace) {
		return Plan.cap(plan(workspace).knowledgeCharacters());
	}

	@Override
	public boolean brandingRemovable(WorkspaceId workspace) {
		return plan(workspace).brandingRemovable();
	}

	private static Period month(OffsetDateTime now) {
		var start = now.withOffsetSameInstant(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
		return new Period("month:" + start.toLocalDate().toString().substring(0, 7), start, start.plusMonths(1));
	}

	/** A billing period: a subscription's current one, or the calendar month (UTC) without one. */
	public record Period(String key, OffsetDateTime start, OffsetDateTime end) {
	}

	/** The plan in force, the period, and the stored account if there is one. */
	record State(Plan plan, Period period, @Nullable BillingAccount account) {
	}

}
