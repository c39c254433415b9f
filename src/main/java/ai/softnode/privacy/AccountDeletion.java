package ai.softnode.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.platform.Audited;
import ai.softnode.platform.Problem;
import ai.softnode.privacy.spi.AccountDirectory;
import ai.softnode.privacy.spi.AccountDirectory.Workspace;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * Deletes a whole account: every row of the workspaces the user owns alone (each holder in reverse
 * order, each in a transaction of its own, so an interrupted deletion is simply run again), the user's
 * traces elsewhere (memberships, invitations, keys, sessions, mails), and finally the user. What stays
 * is an anonymous tombstone: when, and how many workspaces and rows went.
 */
@Service
public class AccountDeletion {

	private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

	private final List<PersonalDataHolder> erasureOrder;

	private final AccountDirectory directory;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountDeletion(List<PersonalDataHolder> holders, AccountDirectory directory, JdbcClient jdbc, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		var order = new java.util.ArrayList<>(holders);
		java.util.Collections.reverse(order);
		this.erasureOrder = List.copyOf(order);
		this.directory = directory;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/** What deleting the account of {@code userId} removes and what it leaves. */
	public Preview preview(UUID userId) {
		return new Preview(this.directory.ownedAlone(userId), this.directory.shared(userId));
	}

	/** Deletes the account after checking the password (the dashboard's confirmation). */
	public Deleted deleteWithPassword(UUID userId, String password, @Nullable String clientIp) {
		if (password.isEmpty() || !this.directory.passwordMatches(userId, password)) {
			throw Problem.invalid("password", "That is not your current password.");
		}
		return delete(userId, clientIp);
	}

	/** Deletes the account after checking that {@code confirm} is its email address (the API's confirmation). */
	public Deleted deleteWithConfirmation(UUID userId, @Nullable String confirm, @Nullable String clientIp) {
		var email = this.directory.email(userId).orElseThrow(AccountDeletion::gone);
		if (confirm == null || !confirm.strip().equalsIgnoreCase(email)) {
			throw Problem.badRequest("confirmation_required",
					"Deleting an account cannot be undone: send {\"confirm\": \"<the account's email address>\"} to confirm.");
		}
		return delete(userId, clientIp);
	}

	private Deleted delete(UUID userId, @Nullable String clientIp) {
		var email = this.directory.email(userId).orElseThrow(AccountDeletion::gone);
		var owned = this.directory.ownedAlone(userId);
		var shared = this.directory.shared(userId);
		for (var workspace : owned) {
			for (var holder : this.erasureOrder) {
				holder.beforeErasure(workspace.id());
			}
		}
		for (var workspace : owned) {
			for (var holder : this.erasureOrder) {
				this.transactions.executeWithoutResult(tx -> holder.eraseWorkspace(workspace.id()));
			}
			this.transactions.executeWithoutResult(tx -> {
				this.jdbc.sql("DELETE FROM privacy_visitor_request WHERE workspace_id = :ws").param("ws", workspace.id().value()).update();
				this.jdbc.sql("DELETE FROM privacy_retention WHERE workspace_id = :ws").param("ws", workspace.id().value()).update();
			});
		}
		for (var holder : this.erasureOrder) {
			this.transactions.executeWithoutResult(tx -> holder.eraseUser(userId, email));
		}
		var at = OffsetDateTime.now(this.clock);
		this.transactions.executeWithoutResult(tx -> {
			this.jdbc.sql("UPDATE privacy_visitor_request SET requested_by = NULL WHERE requested_by = :user").param("user", userId).update();
			this.jdbc.sql("INSERT INTO privacy_account_deletion (id, deleted_at, workspaces_deleted, workspaces_left) VALUES (:id, :at, :deleted, :left)")
				.param("id", UUID.randomUUID()).param("at", at).param("deleted", owned.size()).param("left", shared.size()).update();
			this.directory.confirmDeletion(email, summary(owned, shared));
		});
		log.info("Deleted an account with {} workspace(s); left {} shared workspace(s)", owned.size(), shared.size());
		this.events.publishEvent(new Audited(null, null, "deleted account", "account.deleted",
				owned.size() + " workspace(s) deleted, " + shared.size() + " left", clientIp, at.toInstant()));
		return new Deleted(owned.size(), shared.size());
	}

	private static String summary(List<Workspace> owned, List<Workspace> shared) {
		var lines = new ArrayList<String>();
		lines.add("Your Softnode account has been deleted, as you asked.");
		lines.add("");
		if (!owned.isEmpty()) {
			lines.add("Deleted with everything in them (bots, knowledge, conversations, leads, billing records):");
			owned.forEach(w -> lines.add("  - " + w.name()));
		}
		if (!shared.isEmpty()) {
			lines.add("You left these workspaces, which stay with their other owners:");
			shared.forEach(w -> lines.add("  - " + w.name()));
		}
		lines.add("");
		lines.add("Your sessions were signed out and your API keys revoked. This mail is not kept after it is sent.");
		return String.join("\n", lines);
	}

	private static Problem gone() {
		return new Problem(HttpStatus.GONE, "account_deleted", "This account no longer exists.");
	}

	/** What a deletion will remove ({@code deleted}) and leave ({@code left}). */
	public record Preview(List<Workspace> deleted, List<Workspace> left) {
	}

	/** What a deletion did. */
	public record Deleted(int workspacesDeleted, int workspacesLeft) {
	}

}
