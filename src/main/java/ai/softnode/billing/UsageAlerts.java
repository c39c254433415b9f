package ai.softnode.billing;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.workspaces.WorkspaceManagement;

/** Mails a workspace's owners when it has used 80 % and 100 % of its visitor messages, once per period each. */
@Component
class UsageAlerts {

	private final JdbcClient jdbc;

	private final Mailer mailer;

	private final WorkspaceManagement workspaces;

	private final SoftnodeProperties softnode;

	private final Clock clock;

	UsageAlerts(JdbcClient jdbc, Mailer mailer, WorkspaceManagement workspaces, SoftnodeProperties softnode, Clock clock) {
		this.jdbc = jdbc;
		this.mailer = mailer;
		this.workspaces = workspaces;
		this.softnode = softnode;
		this.clock = clock;
	}

	/** In the caller's transaction: marks a crossed threshold once and queues the mail with it. */
	void check(WorkspaceId workspace, Plan plan, String periodKey, long limit) {
		var now = OffsetDateTime.now(this.clock);
		var reachedFull = this.jdbc.sql("""
				UPDATE billing_usage SET warned_100_at = :now, warned_80_at = COALESCE(warned_80_at, :now)
				WHERE workspace_id = :ws AND period_key = :key AND warned_100_at IS NULL AND messages >= :limit""")
			.param("now", now).param("ws", workspace.value()).param("key", periodKey).param("limit", limit).update() == 1;
		if (reachedFull) {
			mail(workspace, "Your Softnode bots have used all " + limit + " visitor messages of this period", """
					Hello,

					your workspace "%s" has used all %d visitor messages its %s plan includes for this billing period.
					Until the period ends, your bots answer visitors with their fallback message instead of calling the model.

					Upgrade your plan to answer more visitors right away:

					%s
					""".formatted(this.workspaces.name(workspace), limit, plan.name(), this.softnode.link(PlanLimits.BILLING_PATH)),
					"billing-quota-100");
			return;
		}
		var reachedMost = this.jdbc.sql("""
				UPDATE billing_usage SET warned_80_at = :now
				WHERE workspace_id = :ws AND period_key = :key AND warned_80_at IS NULL AND messages * 100 >= :limit * 80""")
			.param("now", now).param("ws", workspace.value()).param("key", periodKey).param("limit", limit).update() == 1;
		if (reachedMost) {
			mail(workspace, "Your Softnode bots have used 80 % of this period's visitor messages", """
					Hello,

					your workspace "%s" has used 80 %% of the %d visitor messages its %s plan includes for this billing period.
					When all are used, your bots answer visitors with their fallback message instead of calling the model.

					See your usage or upgrade your plan:

					%s
					""".formatted(this.workspaces.name(workspace), limit, plan.name(), this.softnode.link(PlanLimits.BILLING_PATH)),
					"billing-quota-80");
		}
	}

	/** Queues {@code body} to every owner of {@code workspace}, in the caller's transaction. */
	void mail(WorkspaceId workspace, String subject, String body, String kind) {
		for (var email : this.workspaces.ownerEmails(workspace)) {
			this.mailer.queue(workspace, new Mail(email, subject, body, kind));
		}
	}

}
