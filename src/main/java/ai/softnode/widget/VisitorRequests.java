package ai.softnode.widget;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import ai.softnode.bots.Bot;
import ai.softnode.bots.BotManagement;
import ai.softnode.platform.Problem;
import jakarta.servlet.http.HttpServletRequest;

/** Checks shared by every visitor endpoint: the bot exists, the calling site is allowed, the token. */
@Component
class VisitorRequests {

	private final BotManagement bots;

	private final org.springframework.beans.factory.ObjectProvider<ai.softnode.platform.PlanLimits> plans;

	VisitorRequests(BotManagement bots, org.springframework.beans.factory.ObjectProvider<ai.softnode.platform.PlanLimits> plans) {
		this.bots = bots;
		this.plans = plans;
	}

	/** Whether the widget shows "Powered by Softnode": only on plans that do not allow removing it. */
	boolean poweredBy(Bot bot) {
		return !this.plans.getIfAvailable(() -> ai.softnode.platform.PlanLimits.UNLIMITED).brandingRemovable(bot.workspace());
	}

	Bot bot(String publicId) {
		return this.bots.findByPublicId(publicId)
			.orElseThrow(() -> Problem.notFound("bot_not_found", "This assistant does not exist (any more)."));
	}

	/**
	 * Refuses a browser request from a site the bot does not allow. Requests from the platform's own
	 * origin (the chat frame and the hosted page) are always allowed; requests without Origin and
	 * Referer (not from a browser page) are left to rate limits.
	 */
	void checkOrigin(Bot bot, HttpServletRequest request) {
		var host = hostOf(request.getHeader("Origin"));
		if (host == null) {
			host = hostOf(request.getHeader("Referer"));
		}
		if (host == null || host.equals(ownHost(request))) {
			return;
		}
		if (!bot.allowsHost(host)) {
			throw new Problem(HttpStatus.FORBIDDEN, "origin_not_allowed", "This chat is not available on this site.");
		}
	}

	static @Nullable String token(HttpServletRequest request) {
		var header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		var token = header.substring(7).trim();
		return token.isEmpty() || token.length() > 200 ? null : token;
	}

	static String ownHost(HttpServletRequest request) {
		var port = request.getServerPort();
		var scheme = request.getScheme();
		var name = request.getServerName().toLowerCase(Locale.ROOT);
		var standard = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		return standard ? name : name + ":" + port;
	}

	/** {@code https://Shop.example.com:8443/x} → {@code shop.example.com:8443}; {@code null} when absent or opaque. */
	static @Nullable String hostOf(@Nullable String url) {
		if (url == null || url.isBlank() || "null".equals(url)) {
			return null;
		}
		try {
			var uri = URI.create(url.trim());
			if (uri.getHost() == null) {
				return null;
			}
			var host = uri.getHost().toLowerCase(Locale.ROOT);
			return uri.getPort() > 0 && uri.getPort() != defaultPort(uri.getScheme()) ? host + ":" + uri.getPort() : host;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int defaultPort(@Nullable String scheme) {
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

}
