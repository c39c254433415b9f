package ai.softnode.policies;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy body in a small Markdown subset: {@code ## heading}, {@code ### heading}, {@code - item}
 * lists, paragraphs separated by blank lines and {@code **bold**}. Parsed into blocks the template
 * writes as text, so nothing an operator types is ever interpreted as HTML.
 */
record PolicyText(List<Block> blocks) {

	static PolicyText parse(String body) {
		var blocks = new ArrayList<Block>();
		var paragraph = new StringBuilder();
		var items = new ArrayList<List<Span>>();
		for (var raw : body.replace("\r\n", "\n").split("\n")) {
			var line = raw.strip();
			var heading = line.startsWith("### ") ? "h3" : line.startsWith("## ") ? "h2" : null;
			var item = line.startsWith("- ") || line.startsWith("* ");
			if (line.isEmpty() || heading != null || item) {
				flushParagraph(paragraph, blocks);
			}
			if (!item && !items.isEmpty() && (line.isEmpty() || heading != null || !raw.startsWith(" "))) {
				blocks.add(new Block("ul", List.copyOf(items)));
				items.clear();
			}
			if (heading != null) {
				blocks.add(new Block(heading, List.of(spans(line.substring(heading.equals("h3") ? 4 : 3).strip()))));
			}
			else if (item) {
				items.add(spans(line.substring(2).strip()));
			}
			else if (!line.isEmpty() && !items.isEmpty()) {
				// An indented continuation of the last list item.
				var last = items.remove(items.size() - 1);
				items.add(spans(text(last) + " " + line));
			}
			else if (!line.isEmpty()) {
				paragraph.append(paragraph.isEmpty() ? "" : " ").append(line);
			}
		}
		flushParagraph(paragraph, blocks);
		if (!items.isEmpty()) {
			blocks.add(new Block("ul", List.copyOf(items)));
		}
		return new PolicyText(List.copyOf(blocks));
	}

	private static void flushParagraph(StringBuilder paragraph, List<Block> blocks) {
		if (!paragraph.isEmpty()) {
			blocks.add(new Block("p", List.of(spans(paragraph.toString()))));
			paragraph.setLength(0);
		}
	}

	/** Splits {@code **bold**} runs; an unpaired {@code **} stays as written. */
	static List<Span> spans(String text) {
		var spans = new ArrayList<Span>();
		var at = 0;
		while (at < text.length()) {
			var open = text.indexOf("**", at);
			var close = open < 0 ? -1 : text.indexOf("**", open + 2);
			if (open < 0 || close < 0 || close == open + 2) {
				spans.add(new Span(text.substring(at), false));
				break;
			}
			if (open > at) {
				spans.add(new Span(text.substring(at, open), false));
			}
			spans.add(new Span(text.substring(open + 2, close), true));
			at = close + 2;
		}
		return List.copyOf(spans);
	}

	private static String text(List<Span> spans) {
		var out = new StringBuilder();
		spans.forEach(span -> out.append(span.strong() ? "**" + span.text() + "**" : span.text()));
		return out.toString();
	}

	/**
	 * A heading ({@code h2}, {@code h3}) or paragraph ({@code p}) with one run of spans, or a list
	 * ({@code ul}) with one run per item.
	 */
	record Block(String type, List<List<Span>> parts) {
	}

	/** A piece of text, bold or not. */
	record Span(String text, boolean strong) {
	}

}
