package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A whole conversation with its messages. */
public record ConversationView(UUID id, UUID botId, OffsetDateTime startedAt, OffsetDateTime lastMessageAt, UUID visitorId,
		@Nullable String country, @Nullable String referrer, @Nullable String utmSource, @Nullable String pageUrl, String channel,
		List<MessageView> messages) {
}
