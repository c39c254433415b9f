package ai.softnode.accounts;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code accounts_user} table. */
@Repository
class Users {

	static final RowMapper<User> MAPPER = (rs, n) -> new User(rs.getObject("id", UUID.class), rs.getString("email"),
			rs.getString("name"), rs.getString("password_hash"), rs.getBoolean("email_verified"),
			rs.getObject("created_at", OffsetDateTime.class), rs.getObject("password_changed_at", OffsetDateTime.class));

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<User> byId(UUID id) {
		return this.jdbc.sql("SELECT * FROM accounts_user WHERE id = :id").param("id", id).query(MAPPER).optional();
	}

	Optional<User> byEmail(String email) {
		return this.jdbc.sql("SELECT * FROM accounts_user WHERE email = :email").param("email", email).query(MAPPER).optional();
	}

	boolean emailTaken(String email) {
		return this.jdbc.sql("SELECT COUNT(*) FROM accounts_user WHERE email = :email").param("email", email)
			.query(Long.class).single() > 0;
	}

	void insert(User user) {
		this.jdbc.sql("""
				INSERT INTO accounts_user (id, email, name, password_hash, email_verified, created_at, updated_at, password_changed_at)
				VALUES (:id, :email, :name, :hash, :verified, :created, :created, :created)""")
			.param("id", user.id()).param("email", user.email()).param("name", user.name())
			.param("hash", user.passwordHash()).param("verified", user.emailVerified()).param("created", user.createdAt())
			.update();
	}

	void rename(UUID id, String name, OffsetDateTime now) {
		this.jdbc.sql("UPDATE accounts_user SET name = :name, updated_at = :now WHERE id = :id")
			.param("name", name).param("now", now).param("id", id).update();
	}

	void changeEmail(UUID id, String email, OffsetDateTime now) {
		this.jdbc.sql("UPDATE accounts_user SET email = :email, email_verified = TRUE, updated_at = :now WHERE id = :id")
			.param("email", email).param("now", now).param("id", id).update();
	}

	void markVerified(UUID id, OffsetDateTime now) {
		this.jdbc.sql("UPDATE accounts_user SET email_verified = TRUE, updated_at = :now WHERE id = :id")
			.param("now", now).param("id", id).update();
	}

	void changePassword(UUID id, String hash, OffsetDateTime now) {
		this.jdbc.sql("UPDATE accounts_user SET password_hash = :hash, password_changed_at = :now, updated_at = :now WHERE id = :id")
			.param("hash", hash).param("now", now).param("id", id).update();
	}

	int delete(UUID id) {
		return this.jdbc.sql("DELETE FROM accounts_user WHERE id = :id").param("id", id).update();
	}

	record User(UUID id, String email, String name, String passwordHash, boolean emailVerified,
			OffsetDateTime createdAt, OffsetDateTime passwordChangedAt) {

		UserAccount view() {
			return new UserAccount(this.id, this.email, this.name, this.emailVerified, this.createdAt);
		}

		@Override
		public String toString() {
			return "User[" + this.id + "]";
		}

	}

}
