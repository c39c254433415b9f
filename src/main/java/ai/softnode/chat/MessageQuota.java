package ai.softnode.chat;

import ai.softnode.platform.WorkspaceId;

/**
 * Decides, just before the model is called, whether a workspace may spend more visitor messages.
 * Implemented by the billing module; without it every message is admitted. An implementation must be
 * exact under concurrency and across nodes (reserve atomically in the database).
 */
public interface MessageQuota {

	/**
	 * Reserves up to {@code messages} visitor messages for {@code workspace} at once; returns how many
	 * it reserved, fewer (down to 0) when its plan's limit leaves fewer.
	 */
	int reserve(WorkspaceId workspace, int messages);

	/** The quota used when billing is off: every message is admitted. */
	MessageQuota UNLIMITED = (workspace, messages) -> messages;

}
