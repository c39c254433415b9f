package ai.softnode.chat;

import java.util.UUID;

/**
 * A new conversation and the token its visitor uses from now on; the token is returned once and
 * stored only as a hash.
 */
public record StartedConversation(UUID conversationId, UUID visitorId, String visitorToken) {

	@Override
	public String toString() {
		return "StartedConversation[" + this.conversationId + "]";
	}

}
