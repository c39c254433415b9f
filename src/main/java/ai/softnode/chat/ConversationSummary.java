package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A conversation in a list: when, where from, how long, and how it started. */
public record ConversationSummary(UUID id, UUID botId, OffsetDateTime startedAt, OffsetDateTime lastMessageAt, UUID visitorId,
		int messageCount, @Nullable String country, @Nullable String referrer, @Nullable String utmSource, @Nullable String pageUrl,
		String channel, String firstQuestion) {
}
