package ai.softnode.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import ai.softnode.analytics.Analytics.CountryCount;
import ai.softnode.analytics.Analytics.Day;
import ai.softnode.analytics.Analytics.DeviceCount;
import ai.softnode.analytics.Analytics.PageCount;
import ai.softnode.analytics.Analytics.QuestionCount;
import ai.softnode.analytics.Analytics.SourceCount;
import ai.softnode.analytics.Analytics.Totals;
import ai.softnode.analytics.Analytics.UnansweredQuestion;
import ai.softnode.bots.BotManagement;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;

/** Reads the rollups of a bot, or of every bot of the workspace, over a range of days. */
@Service
public class AnalyticsReports {

	static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	private final BotManagement bots;

	private final Clock clock;

	AnalyticsReports(JdbcClient jdbc, BotManagement bots, Clock clock) {
		this.jdbc = jdbc;
		this.bots = bots;
		this.clock = clock;
	}

	/** The last {@code days} UTC days up to today. */
	public Range lastDays(int days) {
		var today = LocalDate.now(this.clock);
		return new Range(today.minusDays(days - 1L), today);
	}

	/** A checked range: {@code from} defaults to 29 days before {@code to}, {@code to} to today. */
	public Range range(@Nullable LocalDate from, @Nullable LocalDate to) {
		var end = to == null ? LocalDate.now(this.clock) : to;
		var start = from == null ? end.minusDays(29) : from;
		if (start.isAfter(end)) {
			throw Problem.invalid("from", "The start date must not be after the end date.");
		}
		if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
			throw Problem.invalid("to", "Choose a range of at most " + MAX_DAYS + " days.");
		}
		return new Range(start, end);
	}

	/** A range of UTC days, both ends included. */
	public record Range(LocalDate from, LocalDate to) {
	}

	/** The figures of {@code botId} (or of the whole workspace when {@code null}) over {@code range}. */
	public Analytics report(Tenant tenant, @Nullable UUID botId, Range range) {
		if (botId != null) {
			this.bots.get(tenant, botId);
		}
		var scope = botId == null ? " WHERE workspace_id = :ws" : " WHERE workspace_id = :ws AND bot_id = :bot";
		var params = new HashMap<String, Object>();
		params.put("ws", tenant.workspace().value());
		if (botId != null) {
			params.put("bot", botId);
		}
		Periods.of(range).into(params);
		var sums = new long[11];
		var perDay = new HashMap<LocalDate, Day>();
		this.jdbc.sql("""
				SELECT stat_day, SUM(conversations), SUM(visitor_messages), SUM(answers), SUM(unanswered), SUM(leads), SUM(feedback_up),
				  SUM(feedback_down), SUM(first_token_ms), SUM(first_token_count), SUM(input_tokens), SUM(output_tokens)
				FROM analytics_daily""" + scope + " AND stat_day BETWEEN :from AND :to GROUP BY stat_day")
			.params(params)
			.query((RowCallbackHandler) rs -> {
				for (int i = 0; i < sums.length; i++) {
					sums[i] += rs.getLong(i + 2);
				}
				var date = rs.getObject(1, LocalDate.class);
				perDay.put(date, new Day(date, rs.getLong(2), rs.getLong(6), rs.getLong(3), rs.getLong(5)));
			});
		var totals = new Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6],
				sums[8] == 0 ? 0 : Math.round((double) sums[7] / sums[8]), sums[9], sums[10]);
		var byDay = new ArrayList<Day>();
		for (var day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
			byDay.add(perDay.getOrDefault(day, new Day(day, 0, 0, 0, 0)));
		}
		var countries = dimension(scope, params, "country", 50).stream().map(e -> new CountryCount(e.getKey(), e.getValue())).toList();
		var referrers = dimension(scope, params, "referrer", 20).stream().map(e -> new SourceCount(e.getKey(), e.getValue())).toList();
		var pages = dimension(scope, params, "page", 20).stream().map(e -> new PageCount(e.getKey(), e.getValue())).toList();
		var devices = dimension(scope, params, "device", 10).stream().map(e -> new DeviceCount(e.getKey(), e.getValue())).toList();
		var top = QuestionClusters.cluster(wordings(scope, params, "asked", ""), TOP_QUESTIONS)
			.stream().map(c -> new QuestionCount(c.question(), c.count(), c.variants())).toList();
		var unanswered = QuestionClusters.cluster(wordings(scope, params, "unanswered", " AND unanswered > 0"), UNANSWERED_QUESTIONS)
			.stream().map(c -> new UnansweredQuestion(c.question(), c.count(), Objects.requireNonNull(c.lastAskedAt()), c.variants()))
			.toList();
		return new Analytics(range.from(), range.to(), totals, byDay, countries, referrers, pages, devices, top, unanswered);
	}

	static final int TOP_QUESTIONS = 20;

	static final int UNANSWERED_QUESTIONS = 50;

	/** How many distinct wordings (the most frequent of the range) are clustered. */
	static final int CLUSTERED_WORDINGS = 300;

	/**
	 * A range read as whole calendar months from the monthly tables plus the days of its partial first
	 * and last months from the daily ones: at most about 60 days of daily rows whatever the range's length.
	 * An empty part has its start after its end.
	 */
	record Periods(LocalDate headFrom, LocalDate headTo, LocalDate monthFrom, LocalDate monthTo, LocalDate tailFrom, LocalDate tailTo) {

		static Periods of(Range range) {
			var from = range.from();
			var to = range.to();
			var firstMonth = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
			var lastMonth = to.plusDays(1).getDayOfMonth() == 1 ? to.withDayOfMonth(1) : to.withDayOfMonth(1).minusMonths(1);
			if (firstMonth.isAfter(lastMonth)) {
				return new Periods(from, to, to.plusDays(1), to, to.plusDays(1), to);
			}
			return new Periods(from, firstMonth.minusDays(1), firstMonth, lastMonth, lastMonth.plusMonths(1), to);
		}

		void into(Map<String, Object> params) {
			params.put("from", this.headFrom);
			params.put("headTo", this.headTo);
			params.put("monthFrom", this.monthFrom);
			params.put("monthTo", this.monthTo);
			params.put("tailFrom", this.tailFrom);
			params.put("to", this.tailTo);
		}

	}

	/** {@code columns} of a table pair's rows in the range: its monthly rows of the whole months, its daily rows of the other days. */
	private static String rowsOfRange(String scope, String columns, String table, String condition) {
		return "SELECT " + columns + " FROM " + table + "_month" + scope + condition + " AND stat_month BETWEEN :monthFrom AND :monthTo"
				+ " UNION ALL SELECT " + columns + " FROM " + table + scope + condition + " AND stat_day BETWEEN :from AND :headTo"
				+ " UNION ALL SELECT " + columns + " FROM " + table + scope + condition + " AND stat_day BETWEEN :tailFrom AND :to";
	}

	private List<QuestionClusters.Wording> wordings(String scope, Map<String, Object> params, String order, String condition) {
		return this.jdbc.sql("SELECT MIN(question), SUM(" + order + ") AS n, MAX(last_asked_at) FROM ("
				+ rowsOfRange(scope, "question_key, question, asked, unanswered, last_asked_at", "analytics_question", condition)
				+ ") r GROUP BY question_key ORDER BY n DESC, question_key LIMIT " + CLUSTERED_WORDINGS)
			.params(params)
			.query((rs, n) -> new QuestionClusters.Wording(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class)))
			.list();
	}

	private List<Map.Entry<String, Long>> dimension(String scope, Map<String, Object> params, String kind, int limit) {
		return this.jdbc.sql("SELECT dim_key, SUM(conversations) AS n FROM ("
				+ rowsOfRange(scope, "dim_key, conversations", "analytics_dimension", " AND kind = :kind")
				+ ") r GROUP BY dim_key ORDER BY n DESC, dim_key LIMIT " + limit)
			.params(params).param("kind", kind)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list();
	}

}
