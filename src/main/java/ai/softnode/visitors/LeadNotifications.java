package ai.softnode.visitors;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ai.softnode.bots.Bot;
import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.Role;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.Tenant;
import ai.softnode.workspaces.WorkspaceManagement;

/** Emails the members an owner chose about each new lead; queued in the capturing transaction. */
@Component
class LeadNotifications {

	private final Mailer mailer;

	private final WorkspaceManagement workspaces;

	private final SoftnodeProperties properties;

	LeadNotifications(Mailer mailer, WorkspaceManagement workspaces, SoftnodeProperties properties) {
		this.mailer = mailer;
		this.workspaces = workspaces;
		this.properties = properties;
	}

	void newLead(Bot bot, Lead lead, Set<UUID> recipients) {
		// a read-only look at the workspace's member list on behalf of the system, not of a signed-in user
		var system = new Tenant(bot.workspace(), new UUID(0, 0), Role.AGENT, null);
		var body = new StringBuilder("A visitor of ").append(bot.name()).append(" left their contact details.\n\n");
		line(body, "Name", lead.name());
		line(body, "Email", lead.email());
		line(body, "Phone", lead.phone());
		line(body, "Company", lead.company());
		line(body, "Country", lead.country());
		body.append("\nOpen the lead: ").append(this.properties.link("/app/leads/" + lead.id())).append('\n');
		for (var member : this.workspaces.members(system)) {
			if (recipients.contains(member.userId()) && !member.email().isBlank()) {
				this.mailer.queue(bot.workspace(), new Mail(member.email(), "New lead from " + bot.name().replaceAll("[\\r\\n]+", " "), body.toString(), "lead"));
			}
		}
	}

	private static void line(StringBuilder body, String label, @org.jspecify.annotations.Nullable String value) {
		if (value != null) {
			body.append(label).append(": ").append(value.replaceAll("[\\r\\n]+", " ")).append('\n');
		}
	}

}
