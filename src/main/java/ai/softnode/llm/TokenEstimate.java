package ai.softnode.llm;

/**
 * A cheap estimate of how many tokens a text costs, about four characters a token as for English
 * prose. Good enough to trim history to a budget; billing uses the provider's own counts.
 */
public final class TokenEstimate {

	private TokenEstimate() {
	}

	/** About how many tokens {@code text} takes; 0 for an empty text. */
	public static int of(String text) {
		var characters = text.codePointCount(0, text.length());
		return (characters + 3) / 4;
	}

}
