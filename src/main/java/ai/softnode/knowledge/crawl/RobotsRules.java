package ai.softnode.knowledge.crawl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a robots.txt (RFC 9309) that apply to one crawler: the group naming its product
 * token, else the {@code *} group. The longest matching rule wins and {@code Allow} wins a tie;
 * {@code *} and {@code $} are understood.
 */
public final class RobotsRules {

	private static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), Duration.ZERO);

	private final List<Rule> rules;

	private final Duration crawlDelay;

	private RobotsRules(List<Rule> rules, Duration crawlDelay) {
		this.rules = rules;
		this.crawlDelay = crawlDelay;
	}

	public static RobotsRules allowAll() {
		return ALLOW_ALL;
	}

	public static RobotsRules disallowAll() {
		return new RobotsRules(List.of(new Rule("/", false)), Duration.ZERO);
	}

	public static RobotsRules parse(String text, String userAgent) {
		var token = userAgent.toLowerCase(Locale.ROOT);
		var specific = new ArrayList<Rule>();
		var general = new ArrayList<Rule>();
		Duration specificDelay = null;
		Duration generalDelay = null;
		boolean inSpecific = false;
		boolean inGeneral = false;
		boolean specificSeen = false;
		boolean lastWasAgent = false;
		for (var rawLine : text.split("\\R")) {
			var hash = rawLine.indexOf('#');
			var line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).strip();
			var colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			var key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			var value = line.substring(colon + 1).strip();
			if (key.equals("user-agent")) {
				if (!lastWasAgent) {
					inSpecific = false;
					inGeneral = false;
				}
				var agent = value.toLowerCase(Locale.ROOT);
				if (agent.equals("*")) {
					inGeneral = true;
				}
				else if (!agent.isEmpty() && token.contains(agent)) {
					inSpecific = true;
					specificSeen = true;
				}
				lastWasAgent = true;
				continue;
			}
			lastWasAgent = false;
			if (key.equals("allow") || key.equals("disallow")) {
				if (value.isEmpty()) {
					continue;
				}
				var rule = new Rule(value, key.equals("allow"));
				if (inSpecific) {
					specific.add(rule);
				}
				if (inGeneral) {
					general.add(rule);
				}
			}
			else if (key.equals("crawl-delay")) {
				try {
					var delay = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
					if (inSpecific) {
						specificDelay = delay;
					}
					if (inGeneral) {
						generalDelay = delay;
					}
				}
				catch (NumberFormatException ex) {
					// an unreadable delay is ignored, as crawlers commonly do
				}
			}
		}
		var delay = specificSeen ? specificDelay : generalDelay;
		return new RobotsRules(List.copyOf(specificSeen ? specific : general), delay == null ? Duration.ZERO : delay);
	}

	/** Whether the path (with its query) may be fetched. */
	public boolean allows(String pathAndQuery) {
		var path = pathAndQuery.isEmpty() ? "/" : pathAndQuery;
		Rule best = null;
		for (var rule : this.rules) {
			if (rule.matches(path) && (best == null || rule.pattern().length() > best.pattern().length()
					|| (rule.pattern().length() == best.pattern().length() && rule.allow()))) {
				best = rule;
			}
		}
		return best == null || best.allow();
	}

	public Duration crawlDelay() {
		return this.crawlDelay;
	}

	private record Rule(String pattern, boolean allow) {

		boolean matches(String path) {
			var anchored = this.pattern.endsWith("$");
			var body = anchored ? this.pattern.substring(0, this.pattern.length() - 1) : this.pattern;
			return matches(body, 0, path, 0, anchored);
		}

		private static boolean matches(String pattern, int p, String path, int s, boolean anchored) {
			while (p < pattern.length()) {
				var c = pattern.charAt(p);
				if (c == '*') {
					for (int k = s; k <= path.length(); k++) {
						if (matches(pattern, p + 1, path, k, anchored)) {
							return true;
						}
					}
					return false;
				}
				if (s >= path.length() || path.charAt(s) != c) {
					return false;
				}
				p++;
				s++;
			}
			return !anchored || s == path.length();
		}

	}

}
