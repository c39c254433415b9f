package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/**
 * A visitor message was answered (or the answer failed); published after both are stored.
 *
 * @param firstQuestion whether this was the conversation's first visitor message
 */
public record MessageAnswered(WorkspaceId workspace, UUID botId, UUID conversationId, UUID questionId, UUID answerId,
		String status, boolean answered, int inputTokens, int outputTokens, long firstTokenMillis, boolean firstQuestion,
		OffsetDateTime at) {
}
