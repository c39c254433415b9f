package ai.softnode.knowledge.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts text into passages that follow its structure: a chunk never spans two sections (text under
 * different headings), whole paragraphs are kept together when they fit, long paragraphs are split
 * between sentences, and consecutive chunks of one section overlap so that a fact on a boundary is
 * found from either side. Headings are Markdown-style lines ({@code # …} to {@code ###### …}); the
 * file and page extractors write their headings that way.
 */
public final class Chunker {

	private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])[\"')\\]]*\\s+(?=[\\p{Lu}\\p{N}\"'(\\[])");

	private final int target;

	private final int overlap;

	/**
	 * @param target the length a chunk aims for
	 * @param overlap at most this many characters of a chunk's end start the next one of its section
	 */
	public Chunker(int target, int overlap) {
		if (target < 50 || overlap < 0 || overlap >= target / 2) {
			throw new IllegalArgumentException("chunk target " + target + " with overlap " + overlap);
		}
		this.target = target;
		this.overlap = overlap;
	}

	public List<Chunk> chunk(String text) {
		var chunks = new ArrayList<Chunk>();
		var headings = new String[6];
		var paragraphs = new ArrayList<String>();
		var paragraph = new StringBuilder();
		var heading = "";
		for (var rawLine : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
			var line = rawLine.strip();
			var matcher = HEADING.matcher(line);
			if (matcher.matches()) {
				flushParagraph(paragraph, paragraphs);
				pack(heading, paragraphs, chunks);
				paragraphs.clear();
				var level = matcher.group(1).length();
				headings[level - 1] = matcher.group(2).strip();
				for (int i = level; i < headings.length; i++) {
					headings[i] = null;
				}
				heading = joinHeadings(headings);
			}
			else if (line.isEmpty()) {
				flushParagraph(paragraph, paragraphs);
			}
			else {
				if (!paragraph.isEmpty()) {
					paragraph.append(isListItem(line) ? "\n" : " ");
				}
				paragraph.append(collapse(line));
			}
		}
		flushParagraph(paragraph, paragraphs);
		pack(heading, paragraphs, chunks);
		return chunks;
	}

	/** Packs one section's paragraphs into chunks of about the target length, with overlap. */
	private void pack(String heading, List<String> paragraphs, List<Chunk> out) {
		var pieces = new ArrayList<String>();
		for (var paragraph : paragraphs) {
			pieces.addAll(paragraph.length() <= this.target ? List.of(paragraph) : splitLong(paragraph));
		}
		var current = new StringBuilder();
		var hasNew = false;
		for (var piece : pieces) {
			if (hasNew && current.length() + 2 + piece.length() > this.target) {
				out.add(new Chunk(heading, current.toString()));
				var tail = tail(current.toString());
				current.setLength(0);
				current.append(tail);
				hasNew = false;
			}
			if (!current.isEmpty()) {
				current.append("\n\n");
			}
			current.append(piece);
			hasNew = true;
		}
		if (hasNew) {
			out.add(new Chunk(heading, current.toString()));
		}
	}

	/** The last whole sentences of {@code text} that fit into the overlap, else its last words. */
	private String tail(String text) {
		if (this.overlap == 0) {
			return "";
		}
		var lastParagraph = text.substring(text.lastIndexOf("\n\n") + 1).strip();
		var sentences = SENTENCE_END.split(lastParagraph);
		var tail = new StringBuilder();
		for (int i = sentences.length - 1; i >= 0; i--) {
			var sentence = sentences[i].strip();
			if (tail.length() + sentence.length() + 1 > this.overlap) {
				break;
			}
			tail.insert(0, tail.isEmpty() ? sentence : sentence + " ");
		}
		if (tail.isEmpty() && lastParagraph.length() > this.overlap) {
			var cut = lastParagraph.substring(lastParagraph.length() - this.overlap);
			var space = cut.indexOf(' ');
			return "…" + (space > 0 ? cut.substring(space + 1) : cut);
		}
		return tail.toString();
	}

	/** A paragraph longer than the target, as groups of sentences (and of words for run-on text). */
	private List<String> splitLong(String paragraph) {
		var out = new ArrayList<String>();
		var current = new StringBuilder();
		for (var sentence : SENTENCE_END.split(paragraph)) {
			var parts = sentence.length() > this.target ? splitWords(sentence) : List.of(sentence);
			for (var part : parts) {
				if (!current.isEmpty() && current.length() + 1 + part.length() > this.target) {
					out.add(current.toString());
					current.setLength(0);
				}
				if (!current.isEmpty()) {
					current.append(' ');
				}
				current.append(part);
			}
		}
		if (!current.isEmpty()) {
			out.add(current.toString());
		}
		return out;
	}

	private List<String> splitWords(String sentence) {
		var out = new ArrayList<String>();
		int start = 0;
		while (start < sentence.length()) {
			int end = Math.min(sentence.length(), start + this.target);
			if (end < sentence.length()) {
				var space = sentence.lastIndexOf(' ', end);
				if (space > start + this.target / 2) {
					end = space;
				}
			}
			var part = sentence.substring(start, end).strip();
			if (!part.isEmpty()) {
				out.add(part);
			}
			start = end;
		}
		return out;
	}

	private static void flushParagraph(StringBuilder paragraph, List<String> paragraphs) {
		if (!paragraph.isEmpty()) {
			paragraphs.add(paragraph.toString());
			paragraph.setLength(0);
		}
	}

	private static boolean isListItem(String line) {
		return line.startsWith("- ") || line.startsWith("* ") || line.startsWith("• ") || line.matches("\\d{1,3}[.)]\\s.*");
	}

	private static String collapse(String line) {
		return line.replaceAll("[\\t\\x0B\\f ]+", " ");
	}

	private static String joinHeadings(String[] headings) {
		var parts = new ArrayList<String>();
		for (var heading : headings) {
			if (heading != null) {
				parts.add(heading);
			}
		}
		return String.join(" › ", parts);
	}

}
