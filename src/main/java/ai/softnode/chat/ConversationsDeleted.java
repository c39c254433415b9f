package ai.softnode.chat;

import java.util.List;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/** Conversations were erased (by an owner, a visitor, or a bot's deletion). */
public record ConversationsDeleted(WorkspaceId workspace, List<UUID> conversationIds) {
}
