package ai.softnode.llm;

import java.util.Objects;

/**
 * One earlier message of a conversation.
 *
 * @param speaker who wrote it
 * @param text what was written
 */
public record Turn(Speaker speaker, String text) {

	public Turn {
		Objects.requireNonNull(speaker, "speaker");
		Objects.requireNonNull(text, "text");
	}

	public static Turn visitor(String text) {
		return new Turn(Speaker.VISITOR, text);
	}

	public static Turn assistant(String text) {
		return new Turn(Speaker.ASSISTANT, text);
	}

	/** The two sides of a conversation. */
	public enum Speaker {

		VISITOR, ASSISTANT

	}

}
