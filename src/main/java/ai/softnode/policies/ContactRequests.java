package ai.softnode.policies;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.Emails;
import ai.softnode.platform.Problem;
import ai.softnode.platform.SoftnodeProperties;

/** Messages sent through the privacy contact form, and the operator's answers, mailed to the sender. */
@Service
class ContactRequests {

	private static final RowMapper<ContactRequest> MAPPER = (rs, n) -> new ContactRequest(rs.getObject("id", UUID.class),
			rs.getString("name"), rs.getString("email"), rs.getString("message"),
			rs.getObject("created_at", OffsetDateTime.class), rs.getString("answer"),
			rs.getObject("answered_at", OffsetDateTime.class), rs.getString("answered_by"));

	private final JdbcClient jdbc;

	private final Mailer mailer;

	private final SoftnodeProperties properties;

	private final Clock clock;

	ContactRequests(JdbcClient jdbc, Mailer mailer, SoftnodeProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
	}

	/** Stores a request and tells the operators about it. */
	@Transactional
	ContactRequest submit(String name, String email, String message) {
		var request = new ContactRequest(UUID.randomUUID(), name.strip(), Emails.normalize(email), message.strip(),
				OffsetDateTime.now(this.clock), null, null, null);
		this.jdbc.sql("""
				INSERT INTO policies_contact_request (id, name, email, message, created_at)
				VALUES (:id, :name, :email, :message, :at)""")
			.param("id", request.id()).param("name", request.name()).param("email", request.email())
			.param("message", request.message()).param("at", request.createdAt()).update();
		for (var operator : this.properties.adminEmails()) {
			if (Emails.isValid(operator.strip())) {
				this.mailer.queue(null, new Mail(operator.strip(), "New privacy request",
						"Someone wrote through the privacy contact form. Read and answer it here:\n"
								+ this.properties.link("/admin/requests/" + request.id()) + "\n",
						"privacy-request"));
			}
		}
		return request;
	}

	/** Open requests first (oldest first), then answered ones (newest first). */
	List<ContactRequest> list(int limit) {
		return this.jdbc.sql("""
				SELECT * FROM policies_contact_request
				ORDER BY CASE WHEN answered_at IS NULL THEN 0 ELSE 1 END,
				         CASE WHEN answered_at IS NULL THEN created_at END, answered_at DESC
				FETCH FIRST :limit ROWS ONLY""")
			.param("limit", limit).query(MAPPER).list();
	}

	Optional<ContactRequest> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM policies_contact_request WHERE id = :id").param("id", id).query(MAPPER).optional();
	}

	/** Records the answer and mails it to the sender, once. */
	@Transactional
	ContactRequest answer(UUID id, String answer, String operator) {
		var request = find(id).orElseThrow(() -> Problem.notFound("request_not_found", "This request does not exist."));
		var now = OffsetDateTime.now(this.clock);
		var updated = this.jdbc.sql("""
				UPDATE policies_contact_request SET answer = :answer, answered_at = :at, answered_by = :by
				WHERE id = :id AND answered_at IS NULL""")
			.param("answer", answer.strip()).param("at", now).param("by", operator).param("id", id).update();
		if (updated == 0) {
			throw Problem.conflict("already_answered", "This request has already been answered.");
		}
		this.mailer.queue(null, new Mail(request.email(), "Your privacy request",
				"Hello " + request.name() + ",\n\nyou wrote to the operator of " + this.properties.baseUrl().getHost() + ":\n\n"
						+ quote(request.message()) + "\n\n" + answer.strip() + "\n\n-- \n"
						+ this.properties.link("/privacy") + "\n",
				"privacy-answer"));
		return find(id).orElseThrow();
	}

	List<ContactRequest> byEmail(String email) {
		return this.jdbc.sql("SELECT * FROM policies_contact_request WHERE email = :email ORDER BY created_at")
			.param("email", Emails.normalize(email)).query(MAPPER).list();
	}

	@Transactional
	int forgetUser(String email) {
		this.jdbc.sql("UPDATE policies_contact_request SET answered_by = :anon WHERE answered_by = :email")
			.param("anon", "(deleted operator)").param("email", Emails.normalize(email)).update();
		return this.jdbc.sql("DELETE FROM policies_contact_request WHERE email = :email")
			.param("email", Emails.normalize(email)).update();
	}

	private static String quote(String text) {
		return "> " + text.replace("\r\n", "\n").replace("\n", "\n> ");
	}

	/** One message from the contact form. */
	record ContactRequest(UUID id, String name, String email, String message, OffsetDateTime createdAt,
			@Nullable String answer, @Nullable OffsetDateTime answeredAt, @Nullable String answeredBy) {

		public boolean answered() {
			return this.answeredAt != null;
		}

	}

}
