package ai.softnode.workspaces;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.softnode.platform.Role;

/** An open invitation to join a workspace. */
public record Invitation(UUID id, UUID workspaceId, String workspaceName, String email, Role role,
		OffsetDateTime createdAt, OffsetDateTime expiresAt) {
}
