package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/**
 * A visitor message was answered (or the answer failed); published in the transaction that stores
 * the answer.
 *
 * @param visitorId the pseudonymous visitor of the conversation
 * @param question the visitor's question with e-mail addresses, phone, card numbers and IBANs replaced
 * @param status {@code complete}, {@code partial}, {@code failed} or {@code fallback}
 * @param answered whether the answer came from the bot's knowledge
 */
public record MessageAnswered(WorkspaceId workspace, UUID botId, UUID conversationId, UUID visitorId, UUID questionId, UUID answerId,
		String question, String status, boolean answered, int inputTokens, int outputTokens, long firstTokenMillis,
		OffsetDateTime at) {
}
