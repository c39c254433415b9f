package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/** A visitor rated an answer {@code up} or {@code down}; published in the storing transaction. */
public record FeedbackGiven(WorkspaceId workspace, UUID botId, UUID conversationId, UUID messageId, String rating,
		OffsetDateTime at) {
}
