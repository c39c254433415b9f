package ai.softnode.visitors;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lead in the API's shape (DESIGN.md §5), plus the company, and the bot's own question (as worded
 * when the visitor answered) with the visitor's answer.
 */
public record Lead(UUID id, UUID botId, @Nullable UUID conversationId, @Nullable String name, String email, @Nullable String phone,
		@Nullable String company, @Nullable String country, Consent consent, @Nullable String question, @Nullable String answer,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	/** The consent the visitor gave with the lead: the exact text shown, its version, and when. */
	public record Consent(boolean given, @Nullable String text, @Nullable String version, @Nullable OffsetDateTime at) {
	}

}
