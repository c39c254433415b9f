package ai.softnode.accounts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.platform.Secrets;

/**
 * Single-use, expiring tokens mailed to users. Only the SHA-256 of a token is stored; a token is
 * bound to one user, one purpose and one address.
 */
@Repository
class Tokens {

	enum Purpose {

		VERIFY_EMAIL, RESET_PASSWORD

	}

	private final JdbcClient jdbc;

	Tokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Issues a token and returns its plain value, which exists only in the mail sent. */
	String issue(UUID userId, Purpose purpose, String email, Duration lifetime, OffsetDateTime now) {
		var token = Secrets.token(32);
		this.jdbc.sql("""
				INSERT INTO accounts_token (id, user_id, purpose, token_hash, email, expires_at, created_at)
				VALUES (:id, :user, :purpose, :hash, :email, :expires, :now)""")
			.param("id", UUID.randomUUID()).param("user", userId).param("purpose", purpose.name())
			.param("hash", Secrets.hash(token)).param("email", email).param("expires", now.plus(lifetime))
			.param("now", now)
			.update();
		return token;
	}

	/** The live token matching {@code token}, without using it. */
	Optional<Token> peek(String token, Purpose purpose, OffsetDateTime now) {
		return this.jdbc.sql("""
				SELECT id, user_id, email FROM accounts_token
				WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
			.param("hash", Secrets.hash(token)).param("purpose", purpose.name()).param("now", now)
			.query((rs, n) -> new Token(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("email")))
			.optional();
	}

	/** Uses the token: succeeds for exactly one caller, even under concurrency. */
	Optional<Token> consume(String token, Purpose purpose, OffsetDateTime now) {
		var found = peek(token, purpose, now);
		if (found.isEmpty()) {
			return found;
		}
		var updated = this.jdbc.sql("UPDATE accounts_token SET used_at = :now WHERE id = :id AND used_at IS NULL")
			.param("now", now).param("id", found.get().id()).update();
		return updated == 1 ? found : Optional.empty();
	}

	/** Retires every open token of a purpose for a user, e.g. all reset links once one was used. */
	void retireAll(UUID userId, Purpose purpose, OffsetDateTime now) {
		this.jdbc.sql("UPDATE accounts_token SET used_at = :now WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
			.param("now", now).param("user", userId).param("purpose", purpose.name()).update();
	}

	/** The newest unused address-change token for an address other than the current one. */
	Optional<String> latestPendingEmail(UUID userId, String currentEmail, OffsetDateTime now) {
		return this.jdbc.sql("""
				SELECT email FROM accounts_token WHERE user_id = :user AND purpose = 'VERIFY_EMAIL' AND used_at IS NULL
				AND expires_at > :now AND email <> :current ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY""")
			.param("user", userId).param("now", now).param("current", currentEmail)
			.query(String.class).optional();
	}

	record Token(UUID id, UUID userId, String email) {
	}

}
