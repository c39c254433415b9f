package ai.softnode.visitors;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Device class and browser family from a User-Agent header; coarse on purpose (no fingerprinting). */
final class UserAgents {

	private UserAgents() {
	}

	record Parsed(String device, String browser) {
	}

	static Parsed parse(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return new Parsed("unknown", "Other");
		}
		var ua = userAgent.toLowerCase(Locale.ROOT);
		return new Parsed(device(ua), browser(ua));
	}

	private static String device(String ua) {
		if (ua.contains("bot") || ua.contains("crawler") || ua.contains("spider") || ua.contains("headlesschrome")) {
			return "bot";
		}
		if (ua.contains("ipad") || ua.contains("tablet") || (ua.contains("android") && !ua.contains("mobile"))) {
			return "tablet";
		}
		if (ua.contains("mobi") || ua.contains("iphone") || ua.contains("ipod") || ua.contains("android")) {
			return "mobile";
		}
		if (ua.contains("windows") || ua.contains("macintosh") || ua.contains("linux") || ua.contains("x11") || ua.contains("cros")) {
			return "desktop";
		}
		return "unknown";
	}

	private static String browser(String ua) {
		if (ua.contains("edg/") || ua.contains("edga/") || ua.contains("edgios/")) {
			return "Edge";
		}
		if (ua.contains("opr/") || ua.contains("opera")) {
			return "Opera";
		}
		if (ua.contains("samsungbrowser/")) {
			return "Samsung Internet";
		}
		if (ua.contains("firefox/") || ua.contains("fxios/")) {
			return "Firefox";
		}
		if (ua.contains("chrome/") || ua.contains("crios/") || ua.contains("chromium/")) {
			return "Chrome";
		}
		if (ua.contains("safari/") && ua.contains("version/")) {
			return "Safari";
		}
		return "Other";
	}

}
