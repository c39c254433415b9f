package ai.softnode.notifications;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.platform.SoftnodeProperties;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers due outbox rows. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of
 * nodes can run this at once without sending a mail twice.
 */
@Component
class OutboxDelivery {

	private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

	private static final int MAX_ATTEMPTS = 8;

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ObjectProvider<JavaMailSender> smtp;

	private final Path mailDir;

	private final String from;

	private final Clock clock;

	private final TaskExecutor executor;

	private final AtomicBoolean running = new AtomicBoolean();

	OutboxDelivery(JdbcClient jdbc, TransactionTemplate transactions, ObjectProvider<JavaMailSender> smtp,
			SoftnodeProperties properties, Clock clock,
			@org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor") TaskExecutor executor,
			org.springframework.core.env.Environment environment) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.smtp = smtp;
		this.mailDir = properties.dataDir().resolve("mail");
		this.from = environment.getProperty("softnode.mail.from", "Softnode <no-reply@" + properties.baseUrl().getHost() + ">");
		this.clock = clock;
		this.executor = executor;
	}

	/** Sends soon after the current transaction commits, instead of waiting for the next poll. */
	void wakeUpAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					OutboxDelivery.this.executor.execute(OutboxDelivery.this::deliverDue);
				}
			});
		}
		else {
			this.executor.execute(this::deliverDue);
		}
	}

	@Scheduled(fixedDelayString = "${softnode.mail.poll-interval:PT10S}", initialDelayString = "PT5S")
	void poll() {
		deliverDue();
	}

	/** Delivers every due mail; returns how many were delivered. */
	int deliverDue() {
		if (!this.running.compareAndSet(false, true)) {
			return 0;
		}
		try {
			int delivered = 0;
			while (true) {
				var batch = this.transactions.execute(tx -> deliverBatch());
				if (batch == null || batch.claimed() == 0) {
					return delivered;
				}
				delivered += batch.sent();
				if (batch.claimed() < 20) {
					return delivered;
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Mail delivery round failed: {}", ex.getMessage());
			return 0;
		}
		finally {
			this.running.set(false);
		}
	}

	private Batch deliverBatch() {
		var now = OffsetDateTime.now(this.clock);
		List<Row> due = this.jdbc.sql("""
				SELECT id, recipient, subject, body_text, kind, attempts, created_at FROM notifications_outbox
				WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at
				FETCH FIRST 20 ROWS ONLY FOR UPDATE SKIP LOCKED""")
			.param("now", now)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
					rs.getString("body_text"), rs.getString("kind"), rs.getInt("attempts"),
					rs.getObject("created_at", OffsetDateTime.class)))
			.list();
		int sent = 0;
		for (var row : due) {
			try {
				send(row);
				this.jdbc.sql("UPDATE notifications_outbox SET status = 'SENT', sent_at = :now, attempts = attempts + 1, last_error = NULL WHERE id = :id")
					.param("now", now).param("id", row.id()).update();
				if (Mailer.FORGOTTEN_ONCE_SENT.equals(row.kind())) {
					this.jdbc.sql("DELETE FROM notifications_outbox WHERE id = :id").param("id", row.id()).update();
				}
				sent++;
			}
			catch (Exception ex) {
				var attempts = row.attempts() + 1;
				var failed = attempts >= MAX_ATTEMPTS;
				log.warn("Mail {} to {} failed (attempt {}): {}", row.kind(), row.recipient(), attempts, ex.getMessage());
				this.jdbc.sql("""
						UPDATE notifications_outbox SET attempts = :attempts, last_error = :error, status = :status,
						    next_attempt_at = :next WHERE id = :id""")
					.param("attempts", attempts)
					.param("error", abbreviate(String.valueOf(ex.getMessage())))
					.param("status", failed ? "FAILED" : "PENDING")
					.param("next", now.plus(Mailer.backoff(attempts)))
					.param("id", row.id())
					.update();
			}
		}
		return new Batch(due.size(), sent);
	}

	private void send(Row row) throws Exception {
		var sender = this.smtp.getIfAvailable();
		if (sender != null) {
			var message = sender.createMimeMessage();
			fill(message, row);
			sender.send(message);
			return;
		}
		var message = new MimeMessage(Session.getInstance(new Properties()));
		fill(message, row);
		Files.createDirectories(this.mailDir);
		var file = this.mailDir.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(row.createdAt())
				+ "-" + row.kind() + "-" + row.id() + ".eml");
		try (var out = Files.newOutputStream(file)) {
			message.writeTo(out);
		}
		var links = LINK.matcher(row.body()).results().map(m -> m.group()).toList();
		log.info("No SMTP server configured: mail '{}' to {} written to {}{}", row.subject(), row.recipient(), file,
				links.isEmpty() ? "" : " — links: " + String.join(" ", links));
	}

	private void fill(MimeMessage message, Row row) throws Exception {
		message.setFrom(new InternetAddress(this.from));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(row.recipient()));
		message.setSubject(row.subject(), StandardCharsets.UTF_8.name());
		message.setText(row.body(), StandardCharsets.UTF_8.name());
		message.setHeader("Auto-Submitted", "auto-generated");
		message.setSentDate(java.util.Date.from(row.createdAt().toInstant()));
	}

	private static String abbreviate(String text) {
		return text.length() <= 500 ? text : text.substring(0, 497) + "...";
	}

	private record Row(UUID id, String recipient, String subject, String body, String kind, int attempts,
			OffsetDateTime createdAt) {
	}

	private record Batch(int claimed, int sent) {
	}

}
