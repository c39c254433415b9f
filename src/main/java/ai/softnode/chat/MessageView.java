package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message of a conversation.
 *
 * @param role {@code visitor} or {@code assistant}
 * @param status {@code received} (a visitor message), {@code complete}, {@code partial},
 * {@code failed} or {@code fallback}
 */
public record MessageView(UUID id, String role, String text, OffsetDateTime createdAt, String status, List<SourceRef> sources,
		@Nullable String feedback, @Nullable Boolean answered, @Nullable Integer firstTokenMs, @Nullable Integer totalMs,
		int inputTokens, int outputTokens, @Nullable String model, @Nullable String errorCode) {

	public boolean fromVisitor() {
		return "visitor".equals(this.role);
	}

}
