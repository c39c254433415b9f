package ai.softnode.workspaces;

import java.util.UUID;

import ai.softnode.platform.Role;

/** A workspace a user belongs to, and their role there. */
public record Membership(UUID id, String name, Role role) {
}
