package ai.softnode.chat;

import java.util.function.Consumer;

/**
 * Passes answer text through to the visitor, except that it withholds any tail that could be the
 * start of the canary and stops for good once the canary appears: the owner's instructions never
 * reach a visitor verbatim. Only a possible canary prefix is ever held back, so tokens are not
 * delayed in the common case.
 */
final class OutputGuard {

	static final String REFUSAL = "Sorry, I can't share that.";

	private final String canary;

	private final Consumer<String> downstream;

	private final StringBuilder all = new StringBuilder();

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
		var safeEnd = this.all.length() - heldBack();
		if (safeEnd > this.forwarded) {
			this.downstream.accept(this.all.substring(this.forwarded, safeEnd));
			this.forwarded = safeEnd;
		}
	}

	/** Sends whatever was held back; call once the answer is complete. */
	void finish() {
		if (!this.tripped && this.forwarded < this.all.length()) {
			this.downstream.accept(this.all.substring(this.forwarded));
			this.forwarded = this.all.length();
		}
	}

	boolean tripped() {
		return this.tripped;
	}

	/** What the visitor saw (or, when tripped, the refusal that replaces it). */
	String text(String full) {
		return this.tripped ? REFUSAL : full;
	}

	/** Length of the longest suffix of the text that is a prefix of the canary. */
	private int heldBack() {
		var max = Math.min(this.canary.length() - 1, this.all.length());
		for (int length = max; length > 0; length--) {
			if (this.all.substring(this.all.length() - length).equals(this.canary.substring(0, length))) {
				return length;
			}
		}
		return 0;
	}

}
