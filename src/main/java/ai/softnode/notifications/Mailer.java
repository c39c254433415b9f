package ai.softnode.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.platform.WorkspaceId;

/** Queues mails; they are delivered after the calling transaction commits, and retried on failure. */
@Service
public class Mailer {

	/**
	 * The kind of mail deleted from the outbox as soon as it is delivered: the confirmation of an
	 * account deletion, whose address must not outlive the account.
	 */
	public static final String FORGOTTEN_ONCE_SENT = "account-deleted";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final OutboxDelivery delivery;

	Mailer(JdbcClient jdbc, Clock clock, OutboxDelivery delivery) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.delivery = delivery;
	}

	/**
	 * Queues {@code mail} in the caller's transaction: it is sent only if that transaction commits.
	 * @return the outbox id
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public UUID queue(@Nullable WorkspaceId workspace, Mail mail) {
		var id = UUID.randomUUID();
		var now = OffsetDateTime.now(this.clock);
		this.jdbc.sql("""
				INSERT INTO notifications_outbox (id, workspace_id, recipient, subject, body_text, kind, status, attempts,
				    next_attempt_at, created_at)
				VALUES (:id, :workspace, :recipient, :subject, :body, :kind, 'PENDING', 0, :now, :now)""")
			.param("id", id)
			.param("workspace", workspace == null ? null : workspace.value())
			.param("recipient", mail.to().trim().toLowerCase(Locale.ROOT))
			.param("subject", mail.subject())
			.param("body", mail.body())
			.param("kind", mail.kind())
			.param("now", now)
			.update();
		this.delivery.wakeUpAfterCommit();
		return id;
	}

	/** Removes every queued or sent mail addressed to {@code email}, for data erasure. */
	@Transactional
	public int forgetRecipient(String email) {
		return this.jdbc.sql("DELETE FROM notifications_outbox WHERE recipient = :email")
			.param("email", email.trim().toLowerCase(Locale.ROOT))
			.update();
	}

	/** Removes every mail queued for a workspace, for workspace deletion. */
	@Transactional
	public int forgetWorkspace(WorkspaceId workspace) {
		return this.jdbc.sql("DELETE FROM notifications_outbox WHERE workspace_id = :ws")
			.param("ws", workspace.value())
			.update();
	}

	/**
	 * A plain-text mail.
	 *
	 * @param to recipient address
	 * @param subject subject line
	 * @param body plain text, links on their own line
	 * @param kind a short label for logs and the outbox ({@code verify-email}, {@code password-reset}…)
	 */
	public record Mail(String to, String subject, String body, String kind) {
	}

	static Duration backoff(int attempts) {
		return Duration.ofSeconds(Math.min(3600, (long) (30 * Math.pow(2, Math.max(0, attempts - 1)))));
	}

}
