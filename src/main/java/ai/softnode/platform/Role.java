package ai.softnode.platform;

/** A member's role in a workspace, from most to least powerful. */
public enum Role {

	/** Owns the workspace: billing, deletion, everything an admin can do. */
	OWNER,
	/** Manages bots, members and API keys. */
	ADMIN,
	/** Reads conversations and leads, answers visitors; cannot change configuration. */
	AGENT;

	/** Whether this role may do what {@code required} may do. */
	public boolean covers(Role required) {
		return ordinal() <= required.ordinal();
	}

	public String label() {
		return name().charAt(0) + name().substring(1).toLowerCase();
	}

}
