package ai.softnode.knowledge.source;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.WorkspaceId;

/**
 * A piece of a bot's knowledge as the owner added it.
 *
 * @param type {@code text}, {@code qa}, {@code file} or {@code url}
 * @param status {@code pending}, {@code processing}, {@code ready} or {@code failed}
 * @param error why the last ingestion failed, in words for the owner
 * @param stale the last re-sync failed and the knowledge served is from an earlier one
 * @param content what is chunked (text, extracted file text, Q&A pairs as JSON); {@code null} for websites
 * @param characters size of the knowledge it holds
 */
record Source(UUID id, WorkspaceId workspace, UUID botId, String type, String title, String status,
		@Nullable String error, boolean stale, @Nullable String content, @Nullable String url, @Nullable Integer maxPages,
		String schedule, @Nullable String fileName, @Nullable String fileType, long fileBytes, long characters, int chunks,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime lastSyncedAt,
		@Nullable OffsetDateTime nextSyncAt) {

	public static final String PENDING = "pending";

	public static final String PROCESSING = "processing";

	public static final String READY = "ready";

	public static final String FAILED = "failed";

	/** Whether work on it is still to come, so a page showing it should refresh. */
	public boolean busy() {
		return PENDING.equals(this.status) || PROCESSING.equals(this.status);
	}

}
