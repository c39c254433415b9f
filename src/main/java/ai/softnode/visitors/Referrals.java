package ai.softnode.visitors;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Where a visit came from: the referring site's domain and the page's UTM parameters. */
final class Referrals {

	private Referrals() {
	}

	record Parsed(@Nullable String referrerDomain, @Nullable String utmSource, @Nullable String utmMedium,
			@Nullable String utmCampaign, @Nullable String pagePath) {
	}

	static Parsed parse(@Nullable String pageUrl, @Nullable String referrer) {
		var page = uri(pageUrl);
		var params = page == null ? Map.<String, String>of() : utm(page.getRawQuery());
		var pageHost = page == null ? null : host(page);
		var from = uri(referrer);
		var domain = from == null ? null : host(from);
		// A referrer on the page's own site is navigation, not a source.
		if (domain != null && domain.equals(pageHost)) {
			domain = null;
		}
		var path = page == null ? null : clip((pageHost == null ? "" : pageHost) + (page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath()), 500);
		return new Parsed(domain, params.get("utm_source"), params.get("utm_medium"), params.get("utm_campaign"), path);
	}

	private static @Nullable URI uri(@Nullable String url) {
		if (url == null || url.isBlank() || url.length() > 2000) {
			return null;
		}
		try {
			var uri = URI.create(url.strip());
			var scheme = uri.getScheme();
			return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String host(URI uri) {
		var host = uri.getHost().toLowerCase(Locale.ROOT);
		return host.startsWith("www.") ? host.substring(4) : host;
	}

	private static Map<String, String> utm(@Nullable String query) {
		var found = new HashMap<String, String>();
		if (query == null) {
			return found;
		}
		for (var pair : query.split("&")) {
			var eq = pair.indexOf('=');
			if (eq <= 0) {
				continue;
			}
			var key = pair.substring(0, eq).toLowerCase(Locale.ROOT);
			if (key.equals("utm_source") || key.equals("utm_medium") || key.equals("utm_campaign")) {
				try {
					var value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
					if (!value.isEmpty()) {
						found.putIfAbsent(key, clip(value, 200));
					}
				}
				catch (IllegalArgumentException ex) {
					// a malformed escape: the parameter is ignored
				}
			}
		}
		return found;
	}

	static String clip(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
