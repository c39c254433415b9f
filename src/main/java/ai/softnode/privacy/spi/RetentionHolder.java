package ai.softnode.privacy.spi;

import java.time.OffsetDateTime;

import ai.softnode.platform.WorkspaceId;

/** A module holding data with a retention period: deletes what has expired, a batch at a time. */
public interface RetentionHolder {

	/** What this holder deletes, for the purge log (e.g. {@code conversations}). */
	String kind();

	/**
	 * Deletes at most {@code batchSize} expired items in one transaction of its own, so a purge that is
	 * interrupted leaves nothing half-deleted and resumes where it stopped.
	 * @param workspaceDays the workspace's retention in days
	 * @param tally told how many items were deleted from which workspace, for the owners' purge log
	 * @return how many items were deleted; 0 when nothing expired is left
	 */
	int purgeBatch(WorkspaceDays workspaceDays, OffsetDateTime now, int batchSize, Tally tally);

	/** Where a holder reports what it deleted from which workspace. */
	@FunctionalInterface
	interface Tally {

		void removed(WorkspaceId workspace, int items);

	}

	/** The retention period of a workspace. */
	@FunctionalInterface
	interface WorkspaceDays {

		int of(WorkspaceId workspace);

	}

}
