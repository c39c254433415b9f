package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.WorkspaceId;

/** A visitor started a conversation; published in the starting transaction. */
public record ConversationStarted(WorkspaceId workspace, UUID botId, UUID conversationId, UUID visitorId,
		@Nullable String pageUrl, @Nullable String referrer, String channel, OffsetDateTime at) {
}
