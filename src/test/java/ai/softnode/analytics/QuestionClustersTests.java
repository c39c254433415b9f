package ai.softnode.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.softnode.analytics.QuestionClusters.Cluster;
import ai.softnode.analytics.QuestionClusters.Wording;

/** Near-duplicate questions are grouped; different questions are not. */
class QuestionClustersTests {

	private static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);

	private static Wording w(String question, long count) {
		return new Wording(question, count, T);
	}

	private static Cluster clusterOf(List<Cluster> clusters, String question) {
		return clusters.stream().filter(c -> c.question().equals(question) || c.variants().contains(question)).findFirst().orElseThrow();
	}

	@Test
	void groupsRewordingsTyposAndPluralsUnderTheMostFrequentWording() {
		var clusters = QuestionClusters.cluster(List.of(w("What are your opening hours?", 40), w("what r ur opening hours", 7),
				w("Opening hours??", 5), w("What are your openning hours", 2), w("Do you ship to Canada?", 30), w("do you ship to canda", 3),
				w("Can you ship to Canada please", 2), w("How much is shipping?", 12), w("How much does shipping cost?", 4),
				w("What is your return policy?", 9), w("Whats your returns policy", 3)), 20);
		var hours = clusterOf(clusters, "Opening hours??");
		assertThat(hours.question()).isEqualTo("What are your opening hours?");
		assertThat(hours.count()).isEqualTo(54);
		assertThat(hours.variants()).containsExactly("what r ur opening hours", "Opening hours??", "What are your openning hours");
		var canada = clusterOf(clusters, "do you ship to canda");
		assertThat(canada.question()).isEqualTo("Do you ship to Canada?");
		assertThat(canada.count()).isEqualTo(35);
		assertThat(clusterOf(clusters, "How much does shipping cost?").question()).isEqualTo("How much is shipping?");
		assertThat(clusterOf(clusters, "Whats your returns policy").count()).isEqualTo(12);
		assertThat(clusters).extracting(Cluster::question).containsExactly("What are your opening hours?", "Do you ship to Canada?",
				"How much is shipping?", "What is your return policy?");
	}

	@Test
	void keepsDifferentQuestionsApart() {
		var questions = List.of("Do you ship to Canada?", "Do you ship to France?", "How much is shipping?", "How long is shipping?",
				"Where is my order?", "How do I order?", "Do you have gift cards?", "Do you have gift vouchers?", "Can I return an item?",
				"Is there a student discount?", "When are you open?", "Who are you?", "Are you a robot?");
		var clusters = QuestionClusters.cluster(questions.stream().map(q -> w(q, 3)).toList(), 50);
		assertThat(clusters).hasSize(questions.size());
		assertThat(clusters).allSatisfy(c -> assertThat(c.variants()).isEmpty());
	}

	@Test
	void sumsCountsKeepsTheLatestTimeAndLimitsClustersAndVariants() {
		var later = T.plusDays(3);
		var clusters = QuestionClusters.cluster(List.of(new Wording("Do you deliver on Saturdays?", 5, T),
				new Wording("do you deliver on saturday", 4, later), new Wording("Deliver on saturdays?", 1, T),
				new Wording("you deliver saturdays", 1, T), new Wording("Delivering on Saturday?", 1, T), w("Unrelated question about prices", 2)), 1);
		assertThat(clusters).hasSize(1);
		var saturday = clusters.get(0);
		assertThat(saturday.count()).isEqualTo(12);
		assertThat(saturday.lastAskedAt()).isEqualTo(later);
		assertThat(saturday.variants()).hasSize(QuestionClusters.VARIANTS);
	}

	@Test
	void wordsAndStems() {
		assertThat(QuestionClusters.words("Do you ship to Canada?")).containsExactly("ship", "canada");
		assertThat(QuestionClusters.words("Are the shops opening on Sundays?")).containsExactly("shop", "open", "sunday");
		assertThat(QuestionClusters.words("Who are you?")).containsExactly("who");
		assertThat(QuestionClusters.words("Are you?")).containsExactly("are", "you");
		assertThat(QuestionClusters.stem("policies")).isEqualTo("policy");
		assertThat(QuestionClusters.stem("delivered")).isEqualTo("deliver");
		assertThat(QuestionClusters.stem("address")).isEqualTo("address");
		assertThat(QuestionClusters.oneEditApart("canada", "canda")).isTrue();
		assertThat(QuestionClusters.oneEditApart("recieve", "receive")).isTrue();
		assertThat(QuestionClusters.oneEditApart("france", "canada")).isFalse();
	}

	@Test
	void periodsSplitARangeIntoWholeMonthsAndPartialEdges() {
		var p = AnalyticsReports.Periods.of(new AnalyticsReports.Range(LocalDate.parse("2026-01-15"), LocalDate.parse("2026-04-10")));
		assertThat(p).isEqualTo(new AnalyticsReports.Periods(LocalDate.parse("2026-01-15"), LocalDate.parse("2026-01-31"),
				LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01"),
				LocalDate.parse("2026-04-10")));
		var whole = AnalyticsReports.Periods.of(new AnalyticsReports.Range(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
		assertThat(whole.monthFrom()).isEqualTo(whole.monthTo()).isEqualTo(LocalDate.parse("2026-02-01"));
		assertThat(whole.headFrom()).isAfter(whole.headTo());
		assertThat(whole.tailFrom()).isAfter(whole.tailTo());
		var inside = AnalyticsReports.Periods.of(new AnalyticsReports.Range(LocalDate.parse("2026-02-03"), LocalDate.parse("2026-02-20")));
		assertThat(inside.headFrom()).isEqualTo(LocalDate.parse("2026-02-03"));
		assertThat(inside.headTo()).isEqualTo(LocalDate.parse("2026-02-20"));
		assertThat(inside.monthFrom()).isAfter(inside.monthTo());
		assertThat(inside.tailFrom()).isAfter(inside.tailTo());
	}

}
