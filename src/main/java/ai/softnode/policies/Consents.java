package ai.softnode.policies;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each user's consent to optional processing, with the history of every change. */
@Service
class Consents {

	private final JdbcClient jdbc;

	private final Clock clock;

	Consents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The user's current choice for every purpose (off when never given). */
	Map<Purpose, Choice> choices(UUID userId) {
		var choices = new EnumMap<Purpose, Choice>(Purpose.class);
		for (var purpose : Purpose.values()) {
			choices.put(purpose, new Choice(purpose, false, null));
		}
		this.jdbc.sql("SELECT purpose, granted, changed_at FROM policies_consent WHERE user_id = :user")
			.param("user", userId)
			.query((rs, n) -> new Choice(Purpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"),
					rs.getObject("changed_at", OffsetDateTime.class)))
			.list()
			.forEach(choice -> choices.put(choice.purpose(), choice));
		return choices;
	}

	boolean granted(UUID userId, Purpose purpose) {
		return this.jdbc.sql("SELECT granted FROM policies_consent WHERE user_id = :user AND purpose = :purpose")
			.param("user", userId).param("purpose", purpose.name()).query(Boolean.class).optional().orElse(false);
	}

	/** The users who allow {@code purpose} now. */
	List<UUID> grantedBy(Purpose purpose) {
		return this.jdbc.sql("SELECT user_id FROM policies_consent WHERE purpose = :purpose AND granted = TRUE ORDER BY user_id")
			.param("purpose", purpose.name()).query(UUID.class).list();
	}

	/**
	 * Records the user's choice when it differs from the current one.
	 * @return true when something changed
	 */
	@Transactional
	boolean set(UUID userId, Purpose purpose, boolean granted) {
		// two first choices at the same instant would both insert: the user's row orders them
		this.jdbc.sql("SELECT id FROM accounts_user WHERE id = :user FOR UPDATE").param("user", userId).query(UUID.class).optional();
		var current = this.jdbc.sql("SELECT granted FROM policies_consent WHERE user_id = :user AND purpose = :purpose FOR UPDATE")
			.param("user", userId).param("purpose", purpose.name()).query(Boolean.class).optional();
		if (current.orElse(false) == granted) {
			return false;
		}
		var now = OffsetDateTime.now(this.clock);
		var sql = current.isPresent()
				? "UPDATE policies_consent SET granted = :granted, changed_at = :at WHERE user_id = :user AND purpose = :purpose"
				: "INSERT INTO policies_consent (user_id, purpose, granted, changed_at) VALUES (:user, :purpose, :granted, :at)";
		this.jdbc.sql(sql).param("user", userId).param("purpose", purpose.name()).param("granted", granted)
			.param("at", now).update();
		this.jdbc.sql("""
				INSERT INTO policies_consent_change (id, user_id, purpose, granted, changed_at)
				VALUES (:id, :user, :purpose, :granted, :at)""")
			.param("id", UUID.randomUUID()).param("user", userId).param("purpose", purpose.name())
			.param("granted", granted).param("at", now).update();
		return true;
	}

	/** Every change the user made, newest first. */
	List<Choice> history(UUID userId) {
		return this.jdbc.sql("""
				SELECT purpose, granted, changed_at FROM policies_consent_change WHERE user_id = :user
				ORDER BY changed_at DESC, id""")
			.param("user", userId)
			.query((rs, n) -> new Choice(Purpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"),
					rs.getObject("changed_at", OffsetDateTime.class)))
			.list();
	}

	@Transactional
	int forgetUser(UUID userId) {
		return this.jdbc.sql("DELETE FROM policies_consent_change WHERE user_id = :user").param("user", userId).update()
				+ this.jdbc.sql("DELETE FROM policies_consent WHERE user_id = :user").param("user", userId).update();
	}

	/**
	 * A choice, current or past.
	 *
	 * @param at when it was made; {@code null} for the default (never chosen)
	 */
	record Choice(Purpose purpose, boolean granted, @Nullable OffsetDateTime at) {
	}

}
