package ai.softnode.bots;

import java.time.OffsetDateTime;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/**
 * A configured bot.
 *
 * @param id the id used by the dashboard and the JSON API
 * @param publicId the random id used by the widget, safe to show on a website
 */
public record Bot(UUID id, WorkspaceId workspace, String publicId, BotSettings settings, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {

	public String name() {
		return this.settings.name();
	}

	public boolean enabled() {
		return this.settings.enabled();
	}

	/**
	 * Whether a page on {@code host} (optionally {@code host:port}) may embed this bot. No allowed
	 * domains means any site may; {@code *.example.com} covers every subdomain of example.com.
	 */
	public boolean allowsHost(String host) {
		var domains = this.settings.allowedDomains();
		if (domains.isEmpty()) {
			return true;
		}
		if (host == null || host.isBlank()) {
			return false;
		}
		var candidate = host.toLowerCase(java.util.Locale.ROOT);
		var bare = candidate.contains(":") ? candidate.substring(0, candidate.lastIndexOf(':')) : candidate;
		for (var domain : domains) {
			var target = domain.contains(":") ? candidate : bare;
			var pattern = domain;
			if (pattern.startsWith("*.")) {
				var suffix = pattern.substring(1);
				if (target.endsWith(suffix) && target.length() > suffix.length()) {
					return true;
				}
			}
			else if (target.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

}
