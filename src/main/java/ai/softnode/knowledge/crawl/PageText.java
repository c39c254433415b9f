package ai.softnode.knowledge.crawl;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page: navigation, headers, footers, scripts, forms and other
 * boilerplate are dropped; headings become Markdown-style lines so the chunker keeps sections apart.
 */
public final class PageText {

	private static final String DROPPED = "script, style, noscript, template, svg, canvas, iframe, object, embed, form, "
			+ "button, select, nav, header, footer, aside, dialog, [role=navigation], [role=banner], [role=contentinfo], "
			+ "[role=search], [role=dialog], [aria-hidden=true], [hidden]";

	private static final Pattern BOILERPLATE = Pattern.compile(
			"(?i)(^|[\\s_-])(nav|navbar|navigation|menu|breadcrumbs?|sidebar|site-header|site-footer|footer|cookies?|consent|"
					+ "gdpr|banner|social|share|sharing|newsletter|related|advert|ads|popup|modal|skip-link|pagination)($|[\\s_-])");

	private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
			"table", "tr", "blockquote", "pre", "hr", "br", "figure", "figcaption", "address", "details", "summary", "h1", "h2",
			"h3", "h4", "h5", "h6");

	private PageText() {
	}

	/** The page's title: its {@code <title>}, else its first heading, else {@code fallback}. */
	public static String title(Document document, String fallback) {
		var title = document.title().strip();
		if (title.isEmpty()) {
			var h1 = document.selectFirst("h1");
			title = h1 == null ? "" : h1.text().strip();
		}
		return title.isEmpty() ? fallback : title.length() > 300 ? title.substring(0, 299) + "…" : title;
	}

	/** The main text, with {@code #} headings and blank lines between blocks. */
	public static String text(Document document) {
		var body = document.body() == null ? document : document.body();
		var root = body.selectFirst("main, [role=main], article");
		var copy = (root == null ? body : root).clone();
		copy.select(DROPPED).remove();
		for (var element : copy.getAllElements()) {
			if (element != copy && element.parent() != null && (BOILERPLATE.matcher(element.className()).find()
					|| BOILERPLATE.matcher(element.id()).find())) {
				element.remove();
			}
		}
		var out = new StringBuilder();
		NodeTraversor.traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode text) {
					var value = text.getWholeText().replaceAll("\\s+", " ");
					if (!value.isBlank()) {
						if (out.isEmpty() || out.charAt(out.length() - 1) == '\n') {
							value = value.stripLeading();
						}
						out.append(value);
					}
				}
				else if (node instanceof Element element) {
					var tag = element.normalName();
					if (BLOCKS.contains(tag)) {
						breakBlock(out);
					}
					if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
						out.append("#".repeat(tag.charAt(1) - '0')).append(' ');
					}
					else if (tag.equals("li")) {
						out.append("- ");
					}
					else if (tag.equals("td") || tag.equals("th")) {
						if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
							out.append(" | ");
						}
					}
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
					breakBlock(out);
				}
			}
		}, copy);
		return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

	private static void breakBlock(StringBuilder out) {
		if (out.isEmpty()) {
			return;
		}
		var length = out.length();
		if (out.charAt(length - 1) == '\n') {
			if (length >= 2 && out.charAt(length - 2) == '\n') {
				return;
			}
			out.append('\n');
			return;
		}
		out.append("\n\n");
	}

	static boolean isHtml(String mediaType) {
		var type = mediaType.toLowerCase(Locale.ROOT);
		return type.equals("text/html") || type.equals("application/xhtml+xml");
	}

}
