package ai.softnode.visitors;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import ai.softnode.platform.WorkspaceId;

/** A visitor left their contact details; published in the storing transaction. */
public record LeadCaptured(WorkspaceId workspace, UUID botId, UUID leadId, @Nullable UUID conversationId, OffsetDateTime at) {
}
