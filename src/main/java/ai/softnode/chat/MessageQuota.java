package ai.softnode.chat;

import ai.softnode.platform.WorkspaceId;

/**
 * Decides, just before the model is called, whether a workspace may spend one more visitor message.
 * Implemented by the billing module; without it every message is admitted. An implementation must be
 * exact under concurrency and across nodes (reserve atomically in the database).
 */
public interface MessageQuota {

	/** Reserves one visitor message for {@code workspace}; {@code false} when its plan's limit is reached. */
	boolean reserve(WorkspaceId workspace);

	/** The quota used when billing is off: every message is admitted. */
	MessageQuota UNLIMITED = workspace -> true;

}
