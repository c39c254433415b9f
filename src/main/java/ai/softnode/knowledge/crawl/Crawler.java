package ai.softnode.knowledge.crawl;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Crawls one website from a start page or a sitemap: same-site links only, breadth first up to a
 * depth, a number of pages and a number of bytes, honouring robots.txt; every request goes through
 * the {@link FetchGuard}.
 */
public final class Crawler {

	private static final Pattern SKIPPED_EXTENSIONS = Pattern.compile(
			"(?i).*\\.(png|jpe?g|gif|webp|svg|ico|bmp|tiff?|pdf|zip|gz|tgz|rar|7z|exe|dmg|msi|mp3|mp4|m4a|wav|avi|mov|webm|"
					+ "woff2?|ttf|otf|eot|css|js|json|xml|rss|atom|docx?|xlsx?|pptx?|csv)$");

	private static final Duration MAX_DELAY = Duration.ofSeconds(5);

	private final FetchGuard guard;

	private final Limits limits;

	private final String userAgent;

	public Crawler(FetchGuard guard, Limits limits, String userAgent) {
		this.guard = guard;
		this.limits = limits;
		this.userAgent = userAgent;
	}

	/**
	 * Crawls from {@code start}; stops early when {@code keepGoing} turns false.
	 * @throws FetchRefused when the start page cannot be fetched; the message says why
	 */
	public Result crawl(URI start, int maxPages, BooleanSupplier keepGoing) throws FetchRefused {
		var origin = normalize(start);
		if (origin == null) {
			throw new FetchRefused("'" + start + "' is not a valid web address.");
		}
		AddressPolicy.checkUri(origin);
		var robots = new HashMap<String, RobotsRules>();
		var pages = new ArrayList<Page>();
		var notes = new ArrayList<String>();
		var seen = new HashSet<String>();
		var hashes = new HashSet<String>();
		var queue = new ArrayDeque<Target>();
		long bytes = 0;
		int fetches = 0;
		var limit = Math.min(maxPages, this.limits.maxPages());
		if (!rules(origin, robots).allows(pathOf(origin))) {
			throw new FetchRefused("robots.txt of " + origin.getHost() + " does not allow crawling " + origin + ".");
		}
		var first = this.guard.get(origin);
		bytes += first.body().length;
		if (!first.ok()) {
			throw new FetchRefused("The start page " + origin + " answered with status " + first.status() + ".");
		}
		seen.add(origin.toString());
		var startTarget = new Target(origin, 0);
		if (isSitemap(first)) {
			for (var url : sitemapUrls(first, origin, robots, bytes, notes)) {
				if (seen.add(url.toString())) {
					queue.add(new Target(url, this.limits.maxDepth()));
				}
			}
		}
		else {
			handle(startTarget, first, origin, pages, hashes, seen, queue, notes);
		}
		var deadline = System.nanoTime() + this.limits.maxDuration().toNanos();
		while (!queue.isEmpty() && pages.size() < limit && keepGoing.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				notes.add("Stopped after " + this.limits.maxDuration().toMinutes() + " minutes, the longest one crawl may take.");
				break;
			}
			if (bytes >= this.limits.maxTotalBytes()) {
				notes.add("Stopped after reading " + bytes + " bytes, the most one crawl may read.");
				break;
			}
			if (fetches++ >= limit * 3) {
				notes.add("Stopped after " + fetches + " requests.");
				break;
			}
			var target = queue.poll();
			var rules = rules(target.uri(), robots);
			if (!rules.allows(pathOf(target.uri()))) {
				notes.add("Skipped " + target.uri() + " (robots.txt).");
				continue;
			}
			pause(rules.crawlDelay());
			FetchGuard.Response response;
			try {
				response = this.guard.get(target.uri());
			}
			catch (FetchRefused ex) {
				notes.add("Skipped " + target.uri() + ": " + ex.getMessage());
				continue;
			}
			bytes += response.body().length;
			if (!response.ok()) {
				notes.add("Skipped " + target.uri() + " (status " + response.status() + ").");
				continue;
			}
			if (!sameSite(origin, response.uri())) {
				notes.add("Skipped " + target.uri() + " (redirects to another site).");
				continue;
			}
			handle(target, response, origin, pages, hashes, seen, queue, notes);
		}
		return new Result(List.copyOf(pages), List.copyOf(notes));
	}

	private void handle(Target target, FetchGuard.Response response, URI origin, List<Page> pages, Set<String> hashes,
			Set<String> seen, ArrayDeque<Target> queue, List<String> notes) {
		var type = response.mediaType();
		if (PageText.isHtml(type) || type.isEmpty()) {
			var document = Jsoup.parse(decode(response), response.uri().toString());
			var text = PageText.text(document);
			if (!text.isBlank() && hashes.add(sha(text))) {
				pages.add(new Page(response.uri(), PageText.title(document, response.uri().getPath()), text));
			}
			if (target.depth() < this.limits.maxDepth()) {
				var robotsMeta = document.selectFirst("meta[name=robots]");
				if (robotsMeta != null && robotsMeta.attr("content").toLowerCase(Locale.ROOT).contains("nofollow")) {
					return;
				}
				for (var link : document.select("a[href]")) {
					if (link.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
						continue;
					}
					var next = normalize(link.absUrl("href"));
					if (next != null && sameSite(origin, next) && !SKIPPED_EXTENSIONS.matcher(next.getPath()).matches()
							&& seen.add(next.toString())) {
						queue.add(new Target(next, target.depth() + 1));
					}
				}
			}
		}
		else if (type.equals("text/plain")) {
			var text = decode(response).strip();
			if (!text.isEmpty() && hashes.add(sha(text))) {
				var path = response.uri().getPath();
				pages.add(new Page(response.uri(), path == null || path.isEmpty() ? response.uri().getHost() : path, text));
			}
		}
		else {
			notes.add("Skipped " + response.uri() + " (" + type + ").");
		}
	}

	private List<URI> sitemapUrls(FetchGuard.Response sitemap, URI origin, Map<String, RobotsRules> robots, long bytes,
			List<String> notes) {
		var out = new ArrayList<URI>();
		var pending = new ArrayDeque<FetchGuard.Response>();
		pending.add(sitemap);
		int nested = 0;
		while (!pending.isEmpty()) {
			var document = Jsoup.parse(decode(pending.poll()), "", Parser.xmlParser());
			for (var loc : document.select("url > loc")) {
				var uri = normalize(loc.text().strip());
				if (uri != null && sameSite(origin, uri)) {
					out.add(uri);
				}
			}
			for (var loc : document.select("sitemap > loc")) {
				var uri = normalize(loc.text().strip());
				if (uri == null || !sameSite(origin, uri) || nested++ >= 10) {
					continue;
				}
				try {
					var nestedMap = this.guard.get(uri);
					if (nestedMap.ok()) {
						pending.add(nestedMap);
					}
				}
				catch (FetchRefused ex) {
					notes.add("Skipped sitemap " + uri + ": " + ex.getMessage());
				}
			}
		}
		return out;
	}

	private RobotsRules rules(URI uri, Map<String, RobotsRules> cache) {
		var key = uri.getScheme() + "://" + uri.getRawAuthority();
		var cached = cache.get(key);
		if (cached != null) {
			return cached;
		}
		RobotsRules rules;
		try {
			var response = this.guard.get(URI.create(key + "/robots.txt"));
			if (response.ok()) {
				rules = RobotsRules.parse(new String(response.body(), StandardCharsets.UTF_8), this.userAgent);
			}
			else if (response.status() >= 500) {
				rules = RobotsRules.disallowAll();
			}
			else {
				rules = RobotsRules.allowAll();
			}
		}
		catch (FetchRefused ex) {
			rules = RobotsRules.allowAll();
		}
		cache.put(key, rules);
		return rules;
	}

	private static boolean isSitemap(FetchGuard.Response response) {
		var type = response.mediaType();
		if (!type.endsWith("/xml") && !type.endsWith("+xml") && !response.uri().getPath().endsWith(".xml")) {
			return false;
		}
		var head = new String(response.body(), 0, Math.min(response.body().length, 2048), StandardCharsets.UTF_8);
		return head.contains("<urlset") || head.contains("<sitemapindex");
	}

	/** Same host, ignoring a leading {@code www.}, over http or https. */
	static boolean sameSite(URI origin, URI candidate) {
		if (candidate.getHost() == null || origin.getHost() == null) {
			return false;
		}
		return bare(origin.getHost()).equals(bare(candidate.getHost()));
	}

	private static String bare(String host) {
		var lower = host.toLowerCase(Locale.ROOT);
		while (lower.endsWith(".")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		return lower.startsWith("www.") ? lower.substring(4) : lower;
	}

	/** Without fragment, with lower-case scheme and host, no default port and an explicit root path. */
	static URI normalize(String text) {
		try {
			return normalize(new URI(text.strip()));
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	static URI normalize(URI uri) {
		if (uri.getScheme() == null || uri.getHost() == null) {
			return null;
		}
		var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return null;
		}
		var port = uri.getPort();
		if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
			port = -1;
		}
		var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		var authority = uri.getHost().toLowerCase(Locale.ROOT) + (port > 0 ? ":" + port : "");
		try {
			return new URI(scheme + "://" + authority + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String pathOf(URI uri) {
		var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
	}

	private static String decode(FetchGuard.Response response) {
		Charset charset = StandardCharsets.UTF_8;
		var named = response.charset();
		if (named != null) {
			try {
				if (Charset.isSupported(named)) {
					charset = Charset.forName(named);
				}
			}
			catch (IllegalArgumentException ex) {
				charset = StandardCharsets.UTF_8;
			}
		}
		return new String(response.body(), charset);
	}

	/** Hex SHA-256 of a page's text: its identity for change detection. */
	public static String sha(String text) {
		return ai.softnode.platform.Secrets.hash(text);
	}

	private static void pause(Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			return;
		}
		try {
			Thread.sleep(Math.min(delay.toMillis(), MAX_DELAY.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Bounds of one crawl.
	 *
	 * @param maxPages the most pages kept, whatever a source asks for
	 * @param maxDepth how many links away from the start a crawl goes
	 * @param maxTotalBytes the most bytes read in all
	 * @param maxDuration the longest a crawl may take; the pages read by then are kept
	 */
	public record Limits(int maxPages, int maxDepth, long maxTotalBytes, Duration maxDuration) {
	}

	/** A crawled page with its readable text. */
	public record Page(URI url, String title, String text) {
	}

	/**
	 * What a crawl found.
	 *
	 * @param notes pages skipped and why, for the log
	 */
	public record Result(List<Page> pages, List<String> notes) {
	}

	private record Target(URI uri, int depth) {
	}

}
