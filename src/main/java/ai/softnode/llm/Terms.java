package ai.softnode.llm;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content words of a text, lower-cased and reduced to a rough stem, so that "shipping",
 * "shipped" and "ships" meet. English only, by design small: enough for the offline answerer to
 * judge overlap, not a linguistic tool.
 */
final class Terms {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)?");

	private static final Set<String> STOP = Set.of("a", "about", "above", "after", "again", "all", "also", "am", "an",
			"and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by",
			"can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "ever", "few",
			"for", "from", "further", "had", "has", "have", "having", "he", "hello", "her", "here", "hers", "hey", "hi",
			"him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "know", "let", "like",
			"may", "me", "might", "more", "most", "must", "my", "myself", "no", "nor", "not", "of", "off", "on", "once",
			"only", "or", "other", "our", "ours", "out", "over", "own", "please", "same", "shall", "she", "should",
			"so", "some", "such", "tell", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "then",
			"there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
			"want", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
			"with", "would", "yes", "you", "your", "yours", "yourself", "i'm", "i'd", "i've", "you're", "we're",
			"it's", "what's", "how's", "there's", "don't", "doesn't", "didn't", "can't", "cannot", "won't", "isn't",
			"aren't",
			// words of the question's form rather than its subject: "how long does it take", "how much"
			"long", "much", "many", "take", "takes", "get", "make");

	private Terms() {
	}

	/** The distinct stems of the content words of {@code text}, in order of appearance. */
	static Set<String> of(String text) {
		var out = new LinkedHashSet<String>();
		var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (words.find()) {
			var word = words.group().replace('\u2019', '\'');
			if (!STOP.contains(word)) {
				out.add(stem(word.endsWith("'s") ? word.substring(0, word.length() - 2) : word));
			}
		}
		return out;
	}

	/** A crude suffix stripper: plural, -ing, -ed, -ly, then a final e and a doubled consonant. */
	static String stem(String word) {
		if (word.length() <= 3 || !Character.isLetter(word.charAt(0))) {
			return word;
		}
		var w = word;
		if (w.endsWith("ies") && w.length() > 4) {
			w = w.substring(0, w.length() - 3) + "y";
		}
		else if (w.endsWith("sses")) {
			w = w.substring(0, w.length() - 2);
		}
		else if (w.endsWith("es") && (w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zes"))) {
			w = w.substring(0, w.length() - 2);
		}
		else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
			w = w.substring(0, w.length() - 1);
		}
		if (w.endsWith("ing") && w.length() > 5) {
			w = undouble(w.substring(0, w.length() - 3));
		}
		else if (w.endsWith("ed") && w.length() > 4) {
			w = undouble(w.substring(0, w.length() - 2));
		}
		else if (w.endsWith("ly") && w.length() > 4) {
			w = w.substring(0, w.length() - 2);
		}
		if (w.endsWith("e") && w.length() > 4) {
			w = w.substring(0, w.length() - 1);
		}
		return w;
	}

	private static String undouble(String w) {
		var n = w.length();
		if (n > 3 && w.charAt(n - 1) == w.charAt(n - 2) && "bdfgmnprt".indexOf(w.charAt(n - 1)) >= 0) {
			return w.substring(0, n - 1);
		}
		return w;
	}

	/**
	 * How much of {@code wanted} {@code found} covers, from 0 to 1; longer (usually more specific)
	 * words weigh more than short ones.
	 */
	static double coverage(Set<String> wanted, Set<String> found) {
		double hit = 0;
		double total = 0;
		for (var term : wanted) {
			var weight = weight(term);
			total += weight;
			if (found.contains(term)) {
				hit += weight;
			}
		}
		return total == 0 ? 0 : hit / total;
	}

	static double weight(String term) {
		return Math.min(2.0, 0.5 + term.length() / 6.0);
	}

}
