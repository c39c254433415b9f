package ai.softnode.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/** Ends a user's sessions on every node, since sessions live in the shared database. */
@Component
class SessionTerminator {

	private final FindByIndexNameSessionRepository<?> sessions;

	SessionTerminator(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	/** Ends every session of {@code userId} except {@code keep}. */
	int endAll(UUID userId, @Nullable String keep) {
		var found = this.sessions.findByPrincipalName(userId.toString());
		int ended = 0;
		for (var id : found.keySet()) {
			if (!id.equals(keep)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
