package ai.softnode.policies;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.accounts.UserDirectory;
import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.Problem;
import ai.softnode.platform.SoftnodeProperties;

/** Published versions of the privacy policy and terms, and who has acknowledged them. */
@Service
class Policies {

	static final int MAIL_PAGE = 500;

	private static final RowMapper<PolicyVersion> MAPPER = (rs, n) -> new PolicyVersion(rs.getObject("id", UUID.class),
			PolicyKind.valueOf(rs.getString("kind")), rs.getInt("version"), rs.getString("title"), rs.getString("body"),
			rs.getString("summary"), rs.getObject("published_at", OffsetDateTime.class), rs.getString("published_by"));

	private final JdbcClient jdbc;

	private final AccountManagement accounts;

	private final UserDirectory users;

	private final Mailer mailer;

	private final SoftnodeProperties properties;

	private final Clock clock;

	Policies(JdbcClient jdbc, AccountManagement accounts, UserDirectory users, Mailer mailer,
			SoftnodeProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
	}

	PolicyVersion current(PolicyKind kind) {
		return this.jdbc.sql("SELECT * FROM policies_version WHERE kind = :kind ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
			.param("kind", kind.name()).query(MAPPER).single();
	}

	Optional<PolicyVersion> version(PolicyKind kind, int version) {
		return this.jdbc.sql("SELECT * FROM policies_version WHERE kind = :kind AND version = :version")
			.param("kind", kind.name()).param("version", version).query(MAPPER).optional();
	}

	Optional<PolicyVersion> byId(UUID id) {
		return this.jdbc.sql("SELECT * FROM policies_version WHERE id = :id").param("id", id).query(MAPPER).optional();
	}

	/** Every version of {@code kind}, newest first. */
	List<PolicyVersion> history(PolicyKind kind) {
		return this.jdbc.sql("SELECT * FROM policies_version WHERE kind = :kind ORDER BY version DESC")
			.param("kind", kind.name()).query(MAPPER).list();
	}

	/**
	 * Publishes the next version of {@code kind} and queues a mail about it to every user, all in one
	 * transaction: either the version exists and everyone is told, or neither.
	 */
	@Transactional
	PolicyVersion publish(PolicyKind kind, String title, String body, String summary, String operator) {
		var now = OffsetDateTime.now(this.clock);
		var next = current(kind).version() + 1;
		var version = new PolicyVersion(UUID.randomUUID(), kind, next, title.strip(), body.strip(), summary.strip(), now,
				operator);
		try {
			this.jdbc.sql("""
					INSERT INTO policies_version (id, kind, version, title, body, summary, published_at, published_by)
					VALUES (:id, :kind, :version, :title, :body, :summary, :at, :by)""")
				.param("id", version.id()).param("kind", kind.name()).param("version", next).param("title", version.title())
				.param("body", version.body()).param("summary", version.summary()).param("at", now).param("by", operator)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw Problem.conflict("version_conflict", "Another version was published at the same moment; please try again.");
		}
		var mail = "The " + kind.label().toLowerCase(java.util.Locale.ROOT) + " of " + this.properties.baseUrl().getHost()
				+ " has changed (version " + next + ", " + version.date() + ").\n\nWhat changed:\n" + version.summary()
				+ "\n\nRead it here:\n" + this.properties.link(kind.path()) + "\n";
		UUID after = null;
		while (true) {
			var page = this.users.page(after, MAIL_PAGE);
			for (var user : page) {
				this.mailer.queue(null, new Mail(user.email(), "We updated our " + kind.label().toLowerCase(java.util.Locale.ROOT),
						"Hello " + user.name() + ",\n\n" + mail, "policy-update"));
			}
			if (page.size() < MAIL_PAGE) {
				return version;
			}
			after = page.get(page.size() - 1).id();
		}
	}

	/**
	 * The current versions {@code userId} has not acknowledged yet: those an operator published after
	 * the user signed up (a new user accepted the versions in force when they signed up).
	 */
	List<PolicyVersion> unacknowledged(UUID userId) {
		var user = this.accounts.find(userId).orElse(null);
		if (user == null) {
			return List.of();
		}
		var pending = new ArrayList<PolicyVersion>();
		for (var kind : PolicyKind.values()) {
			var current = current(kind);
			if (current.announced() && current.publishedAt().isAfter(user.createdAt()) && !acknowledged(userId, current.id())) {
				pending.add(current);
			}
		}
		return pending;
	}

	boolean acknowledged(UUID userId, UUID versionId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM policies_acknowledgement WHERE user_id = :user AND version_id = :version")
			.param("user", userId).param("version", versionId).query(Long.class).single() > 0;
	}

	/** Records that the user has read the version; @return false when they had already acknowledged it */
	@Transactional
	boolean acknowledge(UUID userId, UUID versionId) {
		return this.jdbc.sql("""
				INSERT INTO policies_acknowledgement (user_id, version_id, acknowledged_at) VALUES (:user, :version, :at)
				ON CONFLICT DO NOTHING""")
			.param("user", userId).param("version", versionId).param("at", OffsetDateTime.now(this.clock)).update() > 0;
	}

	/** A user's acknowledgements, oldest first. */
	List<Acknowledgement> acknowledgements(UUID userId) {
		return this.jdbc.sql("""
				SELECT v.kind, v.version, a.acknowledged_at FROM policies_acknowledgement a
				JOIN policies_version v ON v.id = a.version_id WHERE a.user_id = :user ORDER BY a.acknowledged_at""")
			.param("user", userId)
			.query((rs, n) -> new Acknowledgement(PolicyKind.valueOf(rs.getString("kind")), rs.getInt("version"),
					rs.getObject("acknowledged_at", OffsetDateTime.class)))
			.list();
	}

	int forgetUser(UUID userId, String email) {
		this.jdbc.sql("UPDATE policies_version SET published_by = :anon WHERE published_by = :email")
			.param("anon", "(deleted operator)").param("email", email).update();
		return this.jdbc.sql("DELETE FROM policies_acknowledgement WHERE user_id = :user").param("user", userId).update();
	}

	/** One acknowledged version. */
	record Acknowledgement(PolicyKind kind, int version, OffsetDateTime at) {
	}

}
