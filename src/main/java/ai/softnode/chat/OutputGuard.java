package ai.softnode.chat;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Passes answer text through to the visitor as it streams, with two edits: citation markers such as
 * {@code [P1]} are removed (sources are shown beside the answer), and once the bot's canary appears
 * nothing more is sent, so the owner's instructions never reach a visitor verbatim. Only a tail that
 * could be the start of the canary or of a marker is held back, so tokens are not delayed otherwise.
 */
final class OutputGuard {

	static final String REFUSAL = "Sorry, I can't share that.";

	private static final Pattern MARKER = Pattern.compile(" ?\\[P\\d+(?:\\s*,\\s*P\\d+)*\\]");

	private static final Pattern OPEN_MARKER = Pattern.compile(" ?\\[(?:P\\d*(?:\\s*,\\s*(?:P\\d*)?)*)?$| $");

	private final String canary;

	private final Consumer<String> downstream;

	/**
	 * The text not yet forwarded, after the last {@code canary.length()} characters already forwarded
	 * (enough to find a canary that straddles the two); earlier text is dropped, so a long answer is
	 * not kept twice.
	 */
	private final StringBuilder all = new StringBuilder();

	private final StringBuilder visible = new StringBuilder();

	/** Where in {@link #all} the text not yet forwarded starts. */
	private int forwarded;

	private boolean tripped;

	OutputGuard(String canary, Consumer<String> downstream) {
		this.canary = canary;
		this.downstream = downstream;
	}

	void accept(String delta) {
		if (this.tripped) {
			return;
		}
		this.all.append(delta);
		if (this.all.indexOf(this.canary, Math.max(0, this.forwarded - this.canary.length())) >= 0) {
			this.tripped = true;
			return;
		}
		forward(this.all.length() - Math.max(heldBackCanary(), heldBackMarker()));
	}

	/** Sends whatever was held back; call once the answer is complete. */
	void finish() {
		if (!this.tripped) {
			forward(this.all.length());
		}
	}

	boolean tripped() {
		return this.tripped;
	}

	/** What the visitor saw, which is what is stored; the refusal when the canary tripped. */
	String text() {
		return this.tripped ? REFUSAL : this.visible.toString();
	}

	private void forward(int end) {
		if (end <= this.forwarded) {
			return;
		}
		var raw = this.all.substring(this.forwarded, end);
		// markers start with '[': most segments have none and skip the regular expression
		var segment = raw.indexOf('[') < 0 ? raw : MARKER.matcher(raw).replaceAll("");
		this.forwarded = end;
		var drop = this.forwarded - this.canary.length();
		if (drop > 0) {
			this.all.delete(0, drop);
			this.forwarded -= drop;
		}
		if (!segment.isEmpty()) {
			this.visible.append(segment);
			this.downstream.accept(segment);
		}
	}

	/** Length of the longest suffix of the text that is a prefix of the canary (compared in place: runs for every delta). */
	private int heldBackCanary() {
		var max = Math.min(this.canary.length() - 1, this.all.length());
		var end = this.all.length();
		for (int length = max; length > 0; length--) {
			var from = end - length;
			var matches = true;
			for (int i = 0; i < length && matches; i++) {
				matches = this.all.charAt(from + i) == this.canary.charAt(i);
			}
			if (matches) {
				return length;
			}
		}
		return 0;
	}

	/** Length of an unfinished citation marker (or a space that may precede one) at the end of the text. */
	private int heldBackMarker() {
		var from = Math.max(this.forwarded, this.all.length() - 24);
		if (from >= this.all.length()) {
			return 0;
		}
		if (this.all.indexOf("[", from) < 0) {
			// without a '[' only a trailing space can start a marker
			return this.all.charAt(this.all.length() - 1) == ' ' ? 1 : 0;
		}
		var matcher = OPEN_MARKER.matcher(this.all.substring(from));
		return matcher.find() ? matcher.end() - matcher.start() : 0;
	}

}
