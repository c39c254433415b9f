package ai.softnode.bots;

import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/** A bot was deleted; published inside the deleting transaction. */
public record BotDeleted(WorkspaceId workspace, UUID botId) {
}
