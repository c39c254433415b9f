package ai.softnode.knowledge.text;

/**
 * A retrieval unit cut from a text.
 *
 * @param heading the headings above it, outermost first, joined by {@code " › "}; empty when none
 * @param text the passage itself
 */
public record Chunk(String heading, String text) {

	/** What is embedded and indexed: the headings give a passage its context. */
	public String indexedText() {
		return this.heading.isEmpty() ? this.text : this.heading + "\n" + this.text;
	}

}
