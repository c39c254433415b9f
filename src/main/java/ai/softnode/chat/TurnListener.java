package ai.softnode.chat;

import java.util.List;
import java.util.UUID;

/**
 * Receives a turn as it happens, in this order: {@code user}, any number of {@code delta}, then
 * {@code done} or {@code error}. The SSE events of the widget API map one to one.
 */
public interface TurnListener {

	void user(UUID messageId);

	void delta(String text);

	void done(UUID messageId, List<SourceRef> sources, boolean answered);

	/** The turn failed; {@code message} is written for visitors. */
	void error(String code, String message);

}
