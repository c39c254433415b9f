package ai.softnode.billing;

import org.jspecify.annotations.Nullable;

/**
 * A plan and its limits; a negative limit is unlimited.
 *
 * @param key its configuration key, e.g. {@code pro}
 * @param priceId the Stripe price of its monthly subscription; none for free and self-hosted plans
 * @param messages visitor messages per billing period
 * @param knowledgeCharacters characters of knowledge per bot
 */
public record Plan(String key, String name, String price, @Nullable String priceId, long bots, long messages,
		long knowledgeCharacters, long members, boolean brandingRemovable) {

	public boolean paid() {
		return this.priceId != null;
	}

	/** {@code limit} as the limits SPI counts it: {@link Long#MAX_VALUE} when unlimited. */
	static long cap(long limit) {
		return limit < 0 ? Long.MAX_VALUE : limit;
	}

}
