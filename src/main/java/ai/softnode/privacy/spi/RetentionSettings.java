package ai.softnode.privacy.spi;

import java.util.List;

import ai.softnode.platform.WorkspaceId;

/** Shorter retention periods set below the workspace level (a bot's own log retention). */
public interface RetentionSettings {

	/** The workspace's overrides, for the owner's privacy page. */
	List<Period> overrides(WorkspaceId workspace);

	/**
	 * One shorter period.
	 * @param what what it applies to, e.g. {@code Bot "Support"}
	 * @param days its retention in days
	 */
	record Period(String what, int days) {
	}

}
