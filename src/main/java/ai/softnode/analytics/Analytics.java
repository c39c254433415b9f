package ai.softnode.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A bot's (or a workspace's) figures over a range of UTC days, in the API's shape (DESIGN.md §5). */
public record Analytics(LocalDate from, LocalDate to, Totals totals, List<Day> byDay, List<CountryCount> countries,
		List<SourceCount> referrers, List<PageCount> pages, List<DeviceCount> devices, List<QuestionCount> topQuestions,
		List<UnansweredQuestion> unansweredQuestions) {

	/** Sums over the range; {@code avgFirstTokenMs} is the mean time to the first token of answers that streamed one. */
	public record Totals(long conversations, long visitorMessages, long answers, long unanswered, long leads, long feedbackUp,
			long feedbackDown, long avgFirstTokenMs, long inputTokens, long outputTokens) {

		/** Share of thumbs-up among rated answers, in percent; 0 without ratings. */
		public long feedbackUpPercent() {
			var rated = this.feedbackUp + this.feedbackDown;
			return rated == 0 ? 0 : Math.round(100.0 * this.feedbackUp / rated);
		}

	}

	public record Day(LocalDate date, long conversations, long leads, long visitorMessages, long unanswered) {
	}

	public record CountryCount(String country, long conversations) {
	}

	public record SourceCount(String source, long conversations) {
	}

	public record PageCount(String url, long conversations) {
	}

	public record DeviceCount(String device, long conversations) {
	}

	/** A cluster of alike questions: its most frequent wording, how often any of them was asked, and other wordings. */
	public record QuestionCount(String question, long count, List<String> variants) {
	}

	/** A cluster of alike questions the bot could not answer, with the last time one of them was asked. */
	public record UnansweredQuestion(String question, long count, OffsetDateTime lastAskedAt, List<String> variants) {
	}

}
