package ai.softnode.platform;

import java.util.UUID;

/** Identifies a workspace (a tenant); the first argument of every method touching tenant data. */
public record WorkspaceId(UUID value) {

	public WorkspaceId {
		if (value == null) {
			throw new IllegalArgumentException("workspace id is required");
		}
	}

	public static WorkspaceId of(String value) {
		return new WorkspaceId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
