package ai.softnode.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Answers without a language model, from the retrieved knowledge alone: the answer of a matching
 * Q&A pair, or the one to three sentences of a text passage that best match the question, with the
 * source named; and the bot's fallback message when nothing matches well enough. Deterministic and
 * free, so a fresh installation works end to end with no external service. It reads passages
 * afresh rather than trusting retrieval scores, whose scale varies by retriever, and takes each
 * question on its own: it does not follow the conversation's history.
 */
final class OfflineAnswerer {

	static final String PROVIDER = "offline";

	static final String MODEL = "offline";

	/** Said when there is nothing to say and the bot has no fallback message of its own. */
	static final String NO_ANSWER = "I'm sorry, I don't have an answer to that.";

	/** Share of the question's (weighted) terms a passage must contain to be used. */
	static final double RELEVANT = 0.5;

	private static final int WORDS_PER_DELTA = 3;

	private static final int MAX_SENTENCES = 3;

	private static final int MAX_ANSWER_CHARS = 600;

	private static final Pattern LINES = Pattern.compile("\\R+");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(\\[])");

	private static final Pattern PIECES = Pattern.compile("\\S+\\s*|\\s+");

	AnswerResult answer(AnswerRequest request, AnswerSink sink) {
		var delivery = new Delivery(sink);
		var question = Terms.of(request.question());
		var best = question.isEmpty() ? null : best(question, request.passages());
		String text;
		List<String> cited;
		if (best == null) {
			text = request.fallbackMessage().isBlank() ? NO_ANSWER : request.fallbackMessage().strip();
			cited = List.of();
		}
		else {
			var source = source(best.passage());
			text = source.isEmpty() ? best.answer() : best.answer() + "\n\n" + source;
			cited = List.of(best.passage().id());
		}
		try {
			stream(text, delivery);
		}
		catch (Delivery.SinkFailed ex) {
			var failure = ProviderFailure.delivery(ex);
			return result(delivery.started() ? AnswerResult.Status.PARTIAL : AnswerResult.Status.FAILED, delivery,
					cited, false, failure.code(), failure.message());
		}
		return result(AnswerResult.Status.COMPLETE, delivery, cited, best != null, null, null);
	}

	private static AnswerResult result(AnswerResult.Status status, Delivery delivery, List<String> cited,
			boolean answered, @Nullable String errorCode, @Nullable String errorMessage) {
		return new AnswerResult(status, delivery.text(), PROVIDER, MODEL, 0, 0, 0, 0, delivery.firstTokenMillis(),
				delivery.elapsedMillis(), cited, answered, errorCode, errorMessage);
	}

	/** The best relevant passage and what to say from it; null when none is relevant enough. */
	static @Nullable Choice best(Set<String> question, List<ContextPassage> passages) {
		Choice best = null;
		for (var passage : passages) {
			var choice = passage.isQa() ? qa(question, passage) : text(question, passage);
			// strictly greater: on a tie the passage retrieval ranked higher wins
			if (choice != null && (best == null || choice.score() > best.score())) {
				best = choice;
			}
		}
		return best;
	}

	/**
	 * A Q&A pair matches on its question; words found only in its answer count for less. Curated
	 * pairs win ties against text passages.
	 */
	private static @Nullable Choice qa(Set<String> question, ContextPassage passage) {
		var asked = Terms.of(String.valueOf(passage.question()));
		var answered = new HashSet<>(asked);
		answered.addAll(Terms.of(passage.text()));
		var score = Math.max(Terms.coverage(question, asked), 0.75 * Terms.coverage(question, answered));
		if (score < RELEVANT || passage.text().isBlank()) {
			return null;
		}
		return new Choice(passage, score + 0.05, passage.text().strip());
	}

	private static @Nullable Choice text(Set<String> question, ContextPassage passage) {
		var sentences = sentences(passage.text());
		if (sentences.isEmpty()) {
			return null;
		}
		var all = new HashSet<>(Terms.of(passage.title()));
		all.addAll(Terms.of(passage.text()));
		var score = Terms.coverage(question, all);
		if (score < RELEVANT) {
			return null;
		}
		return new Choice(passage, score, extract(question, sentences));
	}

	/**
	 * The one to three sentences that match the question best, in their original order; the best
	 * first, others only when they match at least half as well. When only the title matched, the
	 * passage's opening statement.
	 */
	static String extract(Set<String> question, List<Sentence> sentences) {
		var scored = new ArrayList<Scored>();
		var statements = sentences.stream().anyMatch(sentence -> !sentence.isQuestion());
		for (int i = 0; i < sentences.size(); i++) {
			var sentence = sentences.get(i);
			// a question in the text (an FAQ page) is never its own answer, and quoting it echoes the visitor
			var score = statements && sentence.isQuestion() ? 0 : Terms.coverage(question, Terms.of(sentence.text()));
			scored.add(new Scored(i, sentence, score));
		}
		var ranked = scored.stream()
			.sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index))
			.toList();
		var top = ranked.get(0);
		if (top.score() == 0) {
			return sentences.stream()
				.filter(sentence -> !statements || !sentence.isQuestion())
				.findFirst()
				.orElseThrow()
				.text();
		}
		var chosen = new ArrayList<Scored>();
		var length = 0;
		for (var candidate : ranked) {
			var size = candidate.sentence().text().length();
			if (chosen.size() == MAX_SENTENCES || candidate.score() < top.score() / 2
					|| (!chosen.isEmpty() && length + size > MAX_ANSWER_CHARS)) {
				break;
			}
			chosen.add(candidate);
			length += size + 1;
		}
		chosen.sort(Comparator.comparingInt(Scored::index));
		var out = new StringBuilder();
		@Nullable Sentence previous = null;
		for (var pick : chosen) {
			if (previous != null) {
				// sentences of one line flow on; list items and paragraphs keep their own lines
				out.append(previous.line() == pick.sentence().line() ? " " : "\n");
			}
			out.append(pick.sentence().text());
			previous = pick.sentence();
		}
		return out.toString();
	}

	/** Sentences, also splitting lines so that list items stand alone. */
	static List<Sentence> sentences(String text) {
		var out = new ArrayList<Sentence>();
		var lines = LINES.split(text);
		for (int line = 0; line < lines.length; line++) {
			for (var sentence : SENTENCE_END.split(lines[line].strip())) {
				var clean = sentence.strip();
				if (!clean.isEmpty()) {
					out.add(new Sentence(line, clean));
				}
			}
		}
		return out;
	}

	/**
	 * The source line. A Q&A pair whose title is its own question gets none: repeating the question
	 * adds nothing and could echo the visitor.
	 */
	static String source(ContextPassage passage) {
		var named = !passage.isQa() || !passage.title().strip().equalsIgnoreCase(String.valueOf(passage.question()).strip());
		var url = passage.url() == null || passage.url().isBlank() ? null : passage.url().strip();
		if (named && url != null) {
			return "Source: " + passage.title().strip() + " (" + url + ")";
		}
		if (named) {
			return "Source: " + passage.title().strip();
		}
		return url != null ? "Source: " + url : "";
	}

	/** Streams like a model would: a few words per delta, whitespace kept. */
	private static void stream(String text, Delivery delivery) {
		var pieces = PIECES.matcher(text.strip());
		var group = new StringBuilder();
		var words = 0;
		while (pieces.find()) {
			group.append(pieces.group());
			if (++words == WORDS_PER_DELTA) {
				delivery.send(group.toString());
				group.setLength(0);
				words = 0;
			}
		}
		delivery.send(group.toString());
	}

	/** A passage chosen to answer from, how well it matched, and the text taken from it. */
	record Choice(ContextPassage passage, double score, String answer) {
	}

	/** A sentence and the line of the passage it stands on. */
	record Sentence(int line, String text) {

		boolean isQuestion() {
			return this.text.endsWith("?");
		}

	}

	private record Scored(int index, Sentence sentence, double score) {
	}

}
