package ai.softnode.workspaces;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.softnode.platform.Role;

/** A member of a workspace as the members page shows them. */
public record Member(UUID userId, String name, String email, Role role, OffsetDateTime joinedAt) {
}
