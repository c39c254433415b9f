package ai.softnode.analytics;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Groups near-duplicate questions: "What are your opening hours?", "what r ur opening hours" and
 * "Opening hours??" are one question; "Do you ship to Canada?" and "Do you ship to France?" are two.
 *
 * <p>Each wording is reduced to its content words (small English stop-word list, light suffix
 * stripping: plurals, -ing, -ed, doubled consonants), and two wordings are alike when the soft Jaccard
 * similarity of those word sets reaches {@link #THRESHOLD}; words match when equal, or when both have
 * at least five letters and differ by one edit (typos). Clustering is greedy over the wordings in
 * descending count: a wording joins the first cluster whose representative (its most frequent wording)
 * is alike, else starts a cluster. Comparing with the representative only keeps clusters from drifting
 * through chains of neighbours. The input is bounded (the most frequent distinct wordings of the range),
 * so this costs well under a millisecond.
 */
final class QuestionClusters {

	static final double THRESHOLD = 0.6;

	static final int VARIANTS = 3;

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "do", "does", "did", "doing", "you", "your", "yours", "u", "ur", "r",
			"i", "im", "me", "my", "we", "our", "us", "is", "are", "was", "were", "be", "been", "am", "can", "could", "would", "will", "shall",
			"should", "may", "might", "to", "of", "for", "in", "on", "at", "by", "with", "from", "it", "its", "this", "that", "these", "those",
			"there", "have", "has", "had", "please", "pls", "plz", "hi", "hello", "hey", "thanks", "thank", "and", "or", "so", "any", "some", "get",
			"re", "s", "d", "ll", "ve");

	private QuestionClusters() {
	}

	/** A distinct (normalised) wording with its figures over the range. */
	record Wording(String question, long count, @Nullable OffsetDateTime lastAskedAt) {
	}

	/** A group of alike wordings: the most frequent one, the summed count, the latest time and other wordings. */
	record Cluster(String question, long count, @Nullable OffsetDateTime lastAskedAt, List<String> variants) {
	}

	/** Clusters {@code wordings}, most frequent cluster first, at most {@code limit} clusters. */
	static List<Cluster> cluster(List<Wording> wordings, int limit) {
		var sorted = new ArrayList<>(wordings);
		sorted.sort(Comparator.comparingLong(Wording::count).reversed().thenComparing(Wording::question));
		var groups = new ArrayList<Group>();
		for (var wording : sorted) {
			var words = words(wording.question());
			Group home = null;
			for (var group : groups) {
				if (similarity(group.words, words) >= THRESHOLD) {
					home = group;
					break;
				}
			}
			if (home == null) {
				groups.add(new Group(wording, words));
			}
			else {
				home.add(wording);
			}
		}
		return groups.stream()
			.map(Group::cluster)
			.sorted(Comparator.comparingLong(Cluster::count).reversed().thenComparing(Cluster::question))
			.limit(limit)
			.toList();
	}

	private static final class Group {

		final String[] words;

		final List<Wording> members = new ArrayList<>();

		Group(Wording first, String[] words) {
			this.words = words;
			this.members.add(first);
		}

		void add(Wording wording) {
			this.members.add(wording);
		}

		Cluster cluster() {
			var count = 0L;
			OffsetDateTime last = null;
			for (var member : this.members) {
				count += member.count();
				if (member.lastAskedAt() != null && (last == null || member.lastAskedAt().isAfter(last))) {
					last = member.lastAskedAt();
				}
			}
			var variants = this.members.stream().skip(1).limit(VARIANTS).map(Wording::question).toList();
			return new Cluster(this.members.get(0).question(), count, last, variants);
		}

	}

	/** The content words of a question, lightly stemmed; all its words when it has no content words. */
	static String[] words(String question) {
		var normalised = Rollups.questionKey(question);
		if (normalised.isEmpty()) {
			return new String[0];
		}
		var all = normalised.split(" ");
		var content = new LinkedHashSet<String>();
		for (var word : all) {
			if (!STOP_WORDS.contains(word)) {
				content.add(stem(word));
			}
		}
		if (content.isEmpty()) {
			Arrays.stream(all).map(QuestionClusters::stem).forEach(content::add);
		}
		return content.toArray(String[]::new);
	}

	/** Light English suffix stripping: "shipping" → "ship", "hours" → "hour", "delivered" → "deliver", "policies" → "policy". */
	static String stem(String word) {
		var w = word;
		if (w.length() > 4 && w.endsWith("ies")) {
			return w.substring(0, w.length() - 3) + "y";
		}
		if (w.length() > 5 && w.endsWith("ing")) {
			w = undouble(w.substring(0, w.length() - 3));
		}
		else if (w.length() > 4 && w.endsWith("ed")) {
			w = undouble(w.substring(0, w.length() - 2));
		}
		else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
			w = w.substring(0, w.length() - 1);
		}
		return w;
	}

	private static String undouble(String w) {
		var n = w.length();
		if (n >= 3 && w.charAt(n - 1) == w.charAt(n - 2) && "bdfgklmnprt".indexOf(w.charAt(n - 1)) >= 0) {
			return w.substring(0, n - 1);
		}
		return w;
	}

	/** Soft Jaccard: words matched one to one (equal, or one edit apart when both are long), over the union. */
	static double similarity(String[] a, String[] b) {
		if (a.length == 0 || b.length == 0) {
			return a.length == b.length ? 1 : 0;
		}
		var used = new boolean[b.length];
		var matches = 0;
		for (var x : a) {
			var found = -1;
			for (int j = 0; j < b.length && found < 0; j++) {
				if (!used[j] && x.equals(b[j])) {
					found = j;
				}
			}
			for (int j = 0; j < b.length && found < 0; j++) {
				if (!used[j] && x.length() >= 5 && b[j].length() >= 5 && oneEditApart(x, b[j])) {
					found = j;
				}
			}
			if (found >= 0) {
				used[found] = true;
				matches++;
			}
		}
		return (double) matches / (a.length + b.length - matches);
	}

	/** Whether one substitution, insertion, deletion or swap of neighbours turns {@code a} into {@code b}. */
	static boolean oneEditApart(String a, String b) {
		if (Math.abs(a.length() - b.length()) > 1) {
			return false;
		}
		var i = 0;
		while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		if (a.length() == b.length()) {
			if (i == a.length()) {
				return true;
			}
			if (a.substring(i + 1).equals(b.substring(i + 1))) {
				return true;
			}
			return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
					&& a.substring(i + 2).equals(b.substring(i + 2));
		}
		return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : b.substring(i + 1).equals(a.substring(i));
	}

}
