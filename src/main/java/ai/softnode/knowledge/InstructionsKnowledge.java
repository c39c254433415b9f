package ai.softnode.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

import ai.softnode.bots.BotManagement;
import ai.softnode.platform.WorkspaceId;

/**
 * Knowledge read from a bot's own instructions: Q&A pairs written as {@code Q: … / A: …} lines and
 * paragraphs of plain text, scored by term overlap. Serves until knowledge sources exist.
 */
@Component
@ConditionalOnMissingBean(value = KnowledgeSearch.class, ignored = InstructionsKnowledge.class)
class InstructionsKnowledge implements KnowledgeSearch {

	private static final Pattern QA = Pattern.compile("(?im)^\\s*(?:Q|Question)\\s*[:：]\\s*(.+?)\\s*\\R\\s*(?:A|Answer)\\s*[:：]\\s*(.+?)\\s*(?=\\R\\s*\\R|\\R\\s*(?:Q|Question)\\s*[:：]|\\z)", Pattern.DOTALL);

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "do", "does", "you", "your", "i", "we",
			"to", "of", "in", "on", "for", "and", "or", "what", "how", "can", "it", "my", "me", "be", "with", "at", "this", "that");

	private final BotManagement bots;

	InstructionsKnowledge(BotManagement bots) {
		this.bots = bots;
	}

	@Override
	public List<Passage> search(WorkspaceId workspace, UUID botId, String query, int limit) {
		var bot = this.bots.find(workspace, botId).orElse(null);
		if (bot == null) {
			return List.of();
		}
		var terms = terms(query);
		if (terms.isEmpty()) {
			return List.of();
		}
		var sourceId = UUID.nameUUIDFromBytes(("instructions:" + botId).getBytes(StandardCharsets.UTF_8));
		var found = new ArrayList<Passage>();
		var instructions = bot.settings().instructions();
		var matcher = QA.matcher(instructions);
		int n = 0;
		var consumed = new StringBuilder(instructions);
		while (matcher.find()) {
			var question = matcher.group(1).strip();
			var answer = matcher.group(2).strip();
			var score = overlap(terms, terms(question)) * 1.5 + overlap(terms, terms(answer)) * 0.5;
			if (score > 0) {
				found.add(new Passage("qa-" + (++n), sourceId, question, null, answer, question, score));
			}
		}
		var plain = QA.matcher(consumed).replaceAll("");
		int p = 0;
		for (var paragraph : plain.split("\\R\\s*\\R")) {
			var text = paragraph.strip();
			if (text.length() < 20) {
				continue;
			}
			var score = overlap(terms, terms(text));
			if (score > 0) {
				found.add(new Passage("p-" + (++p), sourceId, bot.name(), null, text, null, score));
			}
		}
		return found.stream().sorted(Comparator.comparingDouble(Passage::score).reversed()).limit(limit).toList();
	}

	/** Share of the query's terms found in the candidate, weighting rarer (longer) words a little more. */
	static double overlap(Set<String> query, Set<String> candidate) {
		double hit = 0;
		double total = 0;
		for (var term : query) {
			var weight = Math.min(2.0, 0.5 + term.length() / 6.0);
			total += weight;
			if (candidate.contains(term) || candidate.stream().anyMatch(c -> c.length() > 4 && term.length() > 4
					&& (c.startsWith(term.substring(0, term.length() - 1)) || term.startsWith(c.substring(0, c.length() - 1))))) {
				hit += weight;
			}
		}
		return total == 0 ? 0 : hit / total;
	}

	static Set<String> terms(String text) {
		var out = new HashSet<String>();
		var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			var word = matcher.group();
			if (!STOP.contains(word)) {
				out.add(word);
			}
		}
		return out;
	}


}
