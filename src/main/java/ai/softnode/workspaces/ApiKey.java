package ai.softnode.workspaces;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** An API key as listed: never the key itself, only its first characters. */
public record ApiKey(UUID id, String name, String prefix, OffsetDateTime createdAt, @Nullable OffsetDateTime lastUsedAt,
		@Nullable OffsetDateTime revokedAt) {

	public boolean active() {
		return this.revokedAt == null;
	}

}
