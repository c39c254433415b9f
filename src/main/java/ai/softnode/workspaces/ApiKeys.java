package ai.softnode.workspaces;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.platform.Audited;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Secrets;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;

/**
 * Workspace API keys: {@code sn_} followed by 40 random characters, shown once; only a SHA-256
 * hash is stored. A key acts with the Admin role in its workspace.
 */
@Service
public class ApiKeys {

	static final String PREFIX = "sn_";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ApiKeys(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Creates a key; the returned plain value is never retrievable again. */
	@Transactional
	public Created create(Tenant tenant, String name) {
		tenant.require(Role.ADMIN);
		var clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > 80 || clean.chars().anyMatch(Character::isISOControl)) {
			throw Problem.invalid("name", clean.isEmpty() ? "Give the key a name, like 'CRM sync'." : "Use at most 80 ordinary characters.");
		}
		var key = PREFIX + Secrets.publicId(40);
		var id = UUID.randomUUID();
		var now = OffsetDateTime.now(this.clock);
		this.jdbc.sql("""
				INSERT INTO workspaces_api_key (id, workspace_id, name, prefix, key_hash, created_by, created_at)
				VALUES (:id, :ws, :name, :prefix, :hash, :by, :now)""")
			.param("id", id).param("ws", tenant.workspace().value()).param("name", clean)
			.param("prefix", key.substring(0, 10)).param("hash", Secrets.hash(key)).param("by", tenant.userId())
			.param("now", now)
			.update();
		this.events.publishEvent(Audited.by(tenant, "", "api_key.created", clean, null, now.toInstant()));
		return new Created(new ApiKey(id, clean, key.substring(0, 10), now, null, null), key);
	}

	public List<ApiKey> list(Tenant tenant) {
		tenant.require(Role.ADMIN);
		return this.jdbc.sql("""
				SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM workspaces_api_key
				WHERE workspace_id = :ws ORDER BY revoked_at IS NOT NULL, created_at DESC""")
			.param("ws", tenant.workspace().value())
			.query((rs, n) -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
					rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
					rs.getObject("revoked_at", OffsetDateTime.class)))
			.list();
	}

	@Transactional
	public void revoke(Tenant tenant, UUID keyId) {
		tenant.require(Role.ADMIN);
		var updated = this.jdbc.sql("UPDATE workspaces_api_key SET revoked_at = :now WHERE id = :id AND workspace_id = :ws AND revoked_at IS NULL")
			.param("now", OffsetDateTime.now(this.clock)).param("id", keyId).param("ws", tenant.workspace().value()).update();
		if (updated == 0) {
			throw Problem.notFound("api_key_not_found", "No active API key with this id in your workspace.");
		}
		var name = this.jdbc.sql("SELECT name FROM workspaces_api_key WHERE id = :id").param("id", keyId).query(String.class).single();
		this.events.publishEvent(Audited.by(tenant, "", "api_key.revoked", name, null, this.clock.instant()));
	}

	void revokeAllCreatedBy(WorkspaceId workspace, UUID userId) {
		this.jdbc.sql("UPDATE workspaces_api_key SET revoked_at = :now WHERE workspace_id = :ws AND created_by = :user AND revoked_at IS NULL")
			.param("now", OffsetDateTime.now(this.clock)).param("ws", workspace.value()).param("user", userId).update();
	}

	Optional<Tenant> authenticate(String rawKey) {
		if (rawKey == null || !rawKey.startsWith(PREFIX) || rawKey.length() != PREFIX.length() + 40) {
			return Optional.empty();
		}
		record Row(UUID id, UUID workspace, UUID createdBy, OffsetDateTime lastUsed) {
		}
		var row = this.jdbc.sql("SELECT id, workspace_id, created_by, last_used_at FROM workspaces_api_key WHERE key_hash = :hash AND revoked_at IS NULL")
			.param("hash", Secrets.hash(rawKey))
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
					rs.getObject("created_by", UUID.class), rs.getObject("last_used_at", OffsetDateTime.class)))
			.optional();
		if (row.isEmpty()) {
			return Optional.empty();
		}
		var now = OffsetDateTime.now(this.clock);
		if (row.get().lastUsed() == null || row.get().lastUsed().isBefore(now.minus(Duration.ofMinutes(1)))) {
			this.jdbc.sql("UPDATE workspaces_api_key SET last_used_at = :now WHERE id = :id")
				.param("now", now).param("id", row.get().id()).update();
		}
		return Optional.of(new Tenant(new WorkspaceId(row.get().workspace()), row.get().createdBy(), Role.ADMIN, row.get().id()));
	}

	/** A freshly created key and its plain value. */
	public record Created(ApiKey key, String plain) {

		@Override
		public String toString() {
			return "Created[" + this.key.prefix() + "…]";
		}

	}

}
