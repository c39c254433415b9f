package ai.softnode.visitors;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.WorkspaceId;

/** A visitor started a conversation through the widget; carries only derived, anonymous attributes. */
public record VisitorArrived(WorkspaceId workspace, UUID botId, UUID conversationId, UUID visitorId, @Nullable String country,
		@Nullable String source, @Nullable String pagePath, String device, OffsetDateTime at) {
}
