package ai.softnode.llm;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Picks the text out of a Messages API {@code content_block_delta} event with a streaming JSON parser:
 * nearly every event of an answer is one, and binding each to the SDK's event classes costs more than
 * relaying it. The few other events of an answer are read by {@code ClaudeAnswerer} from a JSON tree.
 */
final class TextDeltas {

	/** Returned for anything but a {@code content_block_delta} event (the caller reads it instead). */
	static final String NOT_A_DELTA = new String("not a content_block_delta");

	private TextDeltas() {
	}

	/**
	 * The text of a {@code content_block_delta} event's {@code text_delta}; an empty string for a delta
	 * of another kind (tool input, thinking), which carries no text for the visitor;
	 * {@link #NOT_A_DELTA} (compare by identity) for any other event or anything unexpected.
	 */
	static String read(JsonFactory json, byte[] data, int length) throws IOException {
		String type = null;
		String deltaType = null;
		String text = null;
		try (var parser = json.createParser(data, 0, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return NOT_A_DELTA;
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				var field = parser.currentName();
				var value = parser.nextToken();
				if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
					type = parser.getText();
					if (!"content_block_delta".equals(type)) {
						return NOT_A_DELTA;
					}
				}
				else if ("delta".equals(field) && value == JsonToken.START_OBJECT) {
					while (parser.nextToken() == JsonToken.FIELD_NAME) {
						var name = parser.currentName();
						var inner = parser.nextToken();
						if ("type".equals(name) && inner == JsonToken.VALUE_STRING) {
							deltaType = parser.getText();
						}
						else if ("text".equals(name) && inner == JsonToken.VALUE_STRING) {
							text = parser.getText();
						}
						else {
							parser.skipChildren();
						}
					}
				}
				else {
					parser.skipChildren();
				}
			}
		}
		if (!"content_block_delta".equals(type)) {
			return NOT_A_DELTA;
		}
		return "text_delta".equals(deltaType) && text != null ? text : "";
	}

}
