package ai.softnode.privacy.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The ZIP an export is streamed into. Holders add files one after another; each file's body is written
 * straight into the archive, so nothing has to be held in memory.
 */
public interface ExportArchive {

	/**
	 * Adds one file.
	 * @param path path inside the archive, e.g. {@code chat/conversations.jsonl}
	 * @param description one line for the archive's README explaining what the file holds
	 * @param body writes the file's content; it must not close the stream
	 */
	void add(String path, String description, Body body) throws IOException;

	/** Writes a file's content. */
	@FunctionalInterface
	interface Body {

		void writeTo(OutputStream out) throws IOException;

	}

}
