package ai.softnode.visitors;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.Emails;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;

/** Visitors and the leads they left (CSV and JSON Lines), the lead form settings and who hears about leads. */
@Component
@Order(70)
class VisitorPersonalData implements PersonalDataHolder {

	private static final String LEADS_CSV = "Leads as CSV (opens in a spreadsheet): contact details visitors left and the consent they gave.";

	private static final String LEADS_JSON = "The same leads as JSON Lines, one per line, with the visitor and conversation they came from.";

	private final JdbcClient jdbc;

	private final LeadManagement leads;

	private final VisitorTracking tracking;

	VisitorPersonalData(JdbcClient jdbc, LeadManagement leads, VisitorTracking tracking) {
		this.jdbc = jdbc;
		this.leads = leads;
		this.tracking = tracking;
	}

	@Override
	public String name() {
		return "visitors";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		var ws = workspace.value();
		archive.add("visitors/visitors.jsonl", "Website visitors, one per line: first and last visit, pages, referrer, UTM tags, device,"
				+ " browser and the location derived from their address (the address itself is never stored).",
				out -> ExportRows.jsonLines(this.jdbc.sql("SELECT * FROM visitors_visitor WHERE workspace_id = :ws ORDER BY first_seen_at, id")
					.param("ws", ws), out));
		archive.add("visitors/leads.csv", LEADS_CSV, out -> csv(workspace, null, out));
		archive.add("visitors/leads.jsonl", LEADS_JSON, out -> ExportRows.jsonLines(
				this.jdbc.sql("SELECT * FROM visitors_lead WHERE workspace_id = :ws ORDER BY created_at, id").param("ws", ws), out));
		archive.add("visitors/lead-settings.jsonl", "Per bot: the consent text and privacy link of the lead form, and which members"
				+ " are told about new leads.",
				out -> {
					ExportRows.jsonLines(this.jdbc.sql("SELECT * FROM visitors_lead_settings WHERE workspace_id = :ws").param("ws", ws), out);
					ExportRows.jsonLines(this.jdbc.sql("SELECT bot_id, user_id AS notified_user_id FROM visitors_lead_recipient WHERE workspace_id = :ws")
						.param("ws", ws), out);
				});
	}

	private void csv(WorkspaceId workspace, @Nullable UUID visitor, OutputStream out) throws IOException {
		var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		var printer = LeadCsv.open(writer);
		var query = this.jdbc.sql("SELECT * FROM visitors_lead WHERE workspace_id = :ws" + (visitor == null ? "" : " AND visitor_id = :visitor")
				+ " ORDER BY created_at, id").param("ws", workspace.value());
		if (visitor != null) {
			query = query.param("visitor", visitor);
		}
		query.query(rs -> {
			LeadCsv.print(printer, LeadManagement.lead(rs, 0));
		});
		printer.flush();
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		for (var table : new String[] { "visitors_lead", "visitors_visitor", "visitors_lead_recipient", "visitors_lead_settings" }) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :ws").param("ws", workspace.value()).update();
		}
	}

	@Override
	public Set<UUID> findVisitors(WorkspaceId workspace, String email) {
		return new LinkedHashSet<>(this.jdbc.sql("""
				SELECT DISTINCT visitor_id FROM visitors_lead WHERE workspace_id = :ws AND LOWER(email) = :email AND visitor_id IS NOT NULL""")
			.param("ws", workspace.value()).param("email", Emails.normalize(email)).query(UUID.class).list());
	}

	@Override
	public Set<String> emailsOf(WorkspaceId workspace, UUID visitorId) {
		return new LinkedHashSet<>(this.jdbc.sql(
				"SELECT DISTINCT LOWER(email) FROM visitors_lead WHERE workspace_id = :ws AND visitor_id = :id")
			.param("ws", workspace.value()).param("id", visitorId).query(String.class).list());
	}

	@Override
	public void exportVisitor(WorkspaceId workspace, UUID visitorId, ExportArchive archive) throws IOException {
		archive.add("visitors/visitor.json", "What the website recorded about the visitor: visits, pages, referrer, device, location.",
				out -> ExportRows.jsonObject(this.jdbc.sql("SELECT * FROM visitors_visitor WHERE workspace_id = :ws AND id = :id")
					.param("ws", workspace.value()).param("id", visitorId), out));
		archive.add("visitors/leads.csv", LEADS_CSV, out -> csv(workspace, visitorId, out));
		archive.add("visitors/leads.jsonl", LEADS_JSON, out -> ExportRows.jsonLines(this.jdbc.sql(
				"SELECT * FROM visitors_lead WHERE workspace_id = :ws AND visitor_id = :id ORDER BY created_at, id")
			.param("ws", workspace.value()).param("id", visitorId), out));
	}

	@Override
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		var leads = this.leads.eraseVisitor(workspace, visitorId);
		var visitors = this.jdbc.sql("SELECT COUNT(*) FROM visitors_visitor WHERE workspace_id = :ws AND id = :id")
			.param("ws", workspace.value()).param("id", visitorId).query(Integer.class).single();
		this.tracking.forget(workspace, visitorId);
		return leads + visitors;
	}

	@Override
	public void eraseUser(UUID userId, String email) {
		this.jdbc.sql("DELETE FROM visitors_lead_recipient WHERE user_id = :user").param("user", userId).update();
	}

}
