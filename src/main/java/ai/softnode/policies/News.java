package ai.softnode.policies;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.SoftnodeProperties;

/** Product news from the operator, mailed only to users who asked for it at the moment of sending. */
@Service
class News {

	private final JdbcClient jdbc;

	private final Consents consents;

	private final AccountManagement accounts;

	private final Mailer mailer;

	private final SoftnodeProperties properties;

	private final Clock clock;

	News(JdbcClient jdbc, Consents consents, AccountManagement accounts, Mailer mailer, SoftnodeProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.accounts = accounts;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
	}

	/** @return how many users the mail was queued for */
	@Transactional
	int send(String subject, String body, String operator) {
		var footer = "\n\n-- \nYou get this because you turned on product news. Turn it off here:\n"
				+ this.properties.link("/app/settings/consents") + "\n";
		var sent = 0;
		for (var userId : this.consents.grantedBy(Purpose.NEWS)) {
			var user = this.accounts.find(userId).orElse(null);
			if (user != null) {
				this.mailer.queue(null, new Mail(user.email(), subject.strip(), body.strip() + footer, "product-news"));
				sent++;
			}
		}
		this.jdbc.sql("""
				INSERT INTO policies_news (id, subject, body, recipients, sent_at, sent_by)
				VALUES (:id, :subject, :body, :recipients, :at, :by)""")
			.param("id", UUID.randomUUID()).param("subject", subject.strip()).param("body", body.strip())
			.param("recipients", sent).param("at", OffsetDateTime.now(this.clock)).param("by", operator).update();
		return sent;
	}

	List<Sent> recent(int limit) {
		return this.jdbc.sql("SELECT subject, recipients, sent_at FROM policies_news ORDER BY sent_at DESC FETCH FIRST :n ROWS ONLY")
			.param("n", limit)
			.query((rs, n) -> new Sent(rs.getString("subject"), rs.getInt("recipients"),
					rs.getObject("sent_at", OffsetDateTime.class)))
			.list();
	}

	@Transactional
	void forgetOperator(String email) {
		this.jdbc.sql("UPDATE policies_news SET sent_by = :anon WHERE sent_by = :email")
			.param("anon", "(deleted operator)").param("email", email).update();
	}

	/** A news mail that went out. */
	record Sent(String subject, int recipients, OffsetDateTime at) {
	}

}
