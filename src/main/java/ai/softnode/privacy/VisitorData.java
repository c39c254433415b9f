package ai.softnode.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.platform.Audited;
import ai.softnode.platform.Emails;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Problem.Violation;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * A visitor's rights: erasure of one visitor everywhere (from the widget or the dashboard), and the
 * requests an owner records and carries out for a visitor known by email (export or delete). Every
 * request is recorded with who made it, when and how it ended; once a deletion is done its record
 * keeps only a masked address.
 */
@Service
public class VisitorData {

	private final List<PersonalDataHolder> holders;

	private final List<PersonalDataHolder> erasureOrder;

	private final DataExport export;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Actors actors;

	private final Clock clock;

	VisitorData(List<PersonalDataHolder> holders, DataExport export, JdbcClient jdbc, TransactionTemplate transactions,
			ApplicationEventPublisher events, Actors actors, Clock clock) {
		this.holders = holders;
		var order = new java.util.ArrayList<>(holders);
		java.util.Collections.reverse(order);
		this.erasureOrder = List.copyOf(order);
		this.export = export;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.actors = actors;
		this.clock = clock;
	}

	/**
	 * Erases everything every holder stores about one visitor of the workspace, all or nothing.
	 * @return rows deleted
	 */
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		var deleted = this.transactions.execute(tx -> {
			var emails = new LinkedHashSet<String>();
			for (var holder : this.holders) {
				emails.addAll(holder.emailsOf(workspace, visitorId));
			}
			int n = 0;
			for (var holder : this.erasureOrder) {
				n += holder.eraseVisitor(workspace, visitorId);
			}
			for (var email : emails) {
				for (var holder : this.erasureOrder) {
					n += holder.eraseVisitorMentions(workspace, email);
				}
			}
			return n;
		});
		return deleted == null ? 0 : deleted;
	}

	/** Erases one visitor from the dashboard, by id. */
	public int eraseVisitor(Tenant tenant, UUID visitorId, @Nullable String clientIp) {
		tenant.require(Role.ADMIN);
		var deleted = eraseVisitor(tenant.workspace(), visitorId);
		if (deleted == 0) {
			throw Problem.notFound("visitor_not_found", "No data is stored for a visitor with this id in this workspace.");
		}
		this.events.publishEvent(Audited.by(tenant, this.actors.of(tenant), "privacy.visitor_deleted", "visitor " + visitorId,
				clientIp, this.clock.instant()));
		return deleted;
	}

	/** Visitors of the workspace known by {@code email}, as every holder knows them. */
	Set<UUID> visitorsOf(WorkspaceId workspace, String email) {
		var found = new LinkedHashSet<UUID>();
		for (var holder : this.holders) {
			found.addAll(holder.findVisitors(workspace, email));
		}
		return found;
	}

	/** Checks a request's email and action; returns the normalised email. */
	static String validate(@Nullable String email, @Nullable String action) {
		var violations = new java.util.ArrayList<Violation>();
		if (email == null || !Emails.isValid(email)) {
			violations.add(new Violation("email", "Enter the visitor's email address, like name@example.com."));
		}
		if (action == null || !(action.equals("export") || action.equals("delete"))) {
			violations.add(new Violation("action", "Choose export or delete."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		return Emails.normalize(email);
	}

	/**
	 * Carries out a visitor's export request: records it, then writes the ZIP of their data to the
	 * stream the caller opens once the visitors are known.
	 * @throws Problem {@code visitor_not_found} (recorded) when no visitor is known by the email
	 */
	public void export(Tenant tenant, @Nullable String email, StreamOpener opener, @Nullable String clientIp) throws IOException {
		tenant.require(Role.ADMIN);
		var address = validate(email, "export");
		var visitors = visitorsOf(tenant.workspace(), address);
		var id = record(tenant, address, "export", visitors.isEmpty() ? "not_found" : "done", visitors.size(), 0);
		if (visitors.isEmpty()) {
			throw notFound(address);
		}
		this.export.exportVisitors(tenant.workspace(), address, visitors, opener.open());
		this.events.publishEvent(Audited.by(tenant, this.actors.of(tenant), "privacy.visitor_exported", "visitor request " + id,
				clientIp, this.clock.instant()));
	}

	/**
	 * Carries out a visitor's deletion request: erases every visitor known by the email everywhere.
	 * @throws Problem {@code visitor_not_found} (recorded) when no visitor is known by the email
	 */
	public Request delete(Tenant tenant, @Nullable String email, @Nullable String clientIp) {
		tenant.require(Role.ADMIN);
		var address = validate(email, "delete");
		var visitors = visitorsOf(tenant.workspace(), address);
		if (visitors.isEmpty()) {
			record(tenant, mask(address), "delete", "not_found", 0, 0);
			throw notFound(address);
		}
		int rows = 0;
		for (var visitor : visitors) {
			rows += eraseVisitor(tenant.workspace(), visitor);
		}
		var id = record(tenant, mask(address), "delete", "done", visitors.size(), rows);
		this.events.publishEvent(Audited.by(tenant, this.actors.of(tenant), "privacy.visitor_deleted", "visitor request " + id,
				clientIp, this.clock.instant()));
		return find(tenant.workspace(), id);
	}

	/** The workspace's visitor requests, newest first. */
	public List<Request> requests(Tenant tenant, int limit) {
		tenant.require(Role.ADMIN);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM privacy_visitor_request WHERE workspace_id = :ws ORDER BY requested_at DESC, id FETCH FIRST :n ROWS ONLY")
			.param("ws", tenant.workspace().value()).param("n", limit).query(VisitorData::request).list();
	}

	private Request find(WorkspaceId workspace, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM privacy_visitor_request WHERE workspace_id = :ws AND id = :id")
			.param("ws", workspace.value()).param("id", id).query(VisitorData::request).single();
	}

	private static final String COLUMNS = "id, email, action, status, visitors, rows_deleted, requested_by_label, requested_at";

	private static Request request(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Request(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("action"), rs.getString("status"),
				rs.getInt("visitors"), rs.getInt("rows_deleted"), rs.getString("requested_by_label"),
				rs.getObject("requested_at", OffsetDateTime.class));
	}

	private UUID record(Tenant tenant, String email, String action, String status, int visitors, int rows) {
		var id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO privacy_visitor_request (id, workspace_id, email, action, status, visitors, rows_deleted, requested_by,
				    requested_by_label, requested_at)
				VALUES (:id, :ws, :email, :action, :status, :visitors, :rows, :by, :label, :at)""")
			.param("id", id).param("ws", tenant.workspace().value()).param("email", email).param("action", action)
			.param("status", status).param("visitors", visitors).param("rows", rows).param("by", tenant.userId())
			.param("label", tenant.viaApiKey() ? "API key" : tenant.role().label()).param("at", OffsetDateTime.now(this.clock))
			.update();
		return id;
	}

	/** {@code jane.doe@example.com} becomes {@code j•••@example.com}: enough to recognise a request, not to contact anyone. */
	static String mask(String email) {
		var at = email.indexOf('@');
		return at <= 0 ? "•••" : email.charAt(0) + "•••" + email.substring(at).toLowerCase(Locale.ROOT);
	}

	private static Problem notFound(String email) {
		return Problem.notFound("visitor_not_found", "No visitor of this workspace is known by " + email
				+ " (no lead or other record has this address). The request was recorded; there is nothing to export or delete.");
	}

	/** Opens the response stream once it is certain there is something to send. */
	@FunctionalInterface
	public interface StreamOpener {

		OutputStream open() throws IOException;

	}

	/**
	 * A recorded visitor request.
	 * @param email the address asked about; masked once a deletion was carried out
	 * @param status {@code done} or {@code not_found}
	 */
	public record Request(UUID id, String email, String action, String status, int visitors, int rowsDeleted, String requestedBy,
			OffsetDateTime requestedAt) {
	}

}
