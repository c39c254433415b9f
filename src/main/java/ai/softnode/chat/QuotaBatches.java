package ai.softnode.chat;

import java.util.ArrayList;
import java.util.List;

import ai.softnode.platform.WorkspaceId;

/**
 * Reserves this node's concurrent visitor messages of one workspace together ({@link Batches}): the
 * messages arriving while a reservation is in the database are reserved by the next one at once. The
 * quota stays exact (the database still decides, one row lock per call), grants go to the oldest
 * messages of a batch first, and a burst costs one transaction per batch instead of one each: on
 * PostgreSQL a burst of new messages had queued behind its workspace's quota row at about a hundred
 * a second.
 */
final class QuotaBatches {

	private final Batches<WorkspaceId, WorkspaceId, Boolean> batches;

	QuotaBatches(MessageQuota quota) {
		this.batches = new Batches<>((workspace, messages) -> {
			var granted = quota.reserve(workspace, messages.size());
			var results = new ArrayList<Boolean>(messages.size());
			for (int i = 0; i < messages.size(); i++) {
				results.add(i < granted);
			}
			return results;
		});
	}

	/** Reserves one visitor message for {@code workspace}; {@code false} when its plan's limit is reached. */
	boolean reserve(WorkspaceId workspace) {
		return this.batches.submit(workspace, workspace);
	}

	/** How many messages wait for the reservation in progress (for tests). */
	int waiting() {
		return this.batches.waiting();
	}

}
