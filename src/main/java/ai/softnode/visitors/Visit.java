package ai.softnode.visitors;

import org.jspecify.annotations.Nullable;

/**
 * What a visit tells about a visitor, derived from one request; holds no IP address.
 *
 * @param pagePath host and path of the page the widget was opened on, without query
 * @param device {@code desktop}, {@code mobile}, {@code tablet}, {@code bot} or {@code unknown}
 */
public record Visit(Location location, @Nullable String pageUrl, @Nullable String pagePath, @Nullable String referrer,
		@Nullable String referrerDomain, @Nullable String utmSource, @Nullable String utmMedium, @Nullable String utmCampaign,
		String device, String browser) {

	public @Nullable String country() {
		return this.location.country();
	}

	/** The source a conversation is attributed to: the UTM source, else the referring domain. */
	public @Nullable String source() {
		return this.utmSource != null ? this.utmSource : this.referrerDomain;
	}

}
