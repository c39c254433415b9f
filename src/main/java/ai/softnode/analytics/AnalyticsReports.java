package ai.softnode.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
		scope += " AND stat_day BETWEEN :from AND :to";
		var params = new HashMap<String, Object>();
		params.put("ws", tenant.workspace().value());
		params.put("from", range.from());
		params.put("to", range.to());
		if (botId != null) {
			params.put("bot", botId);
		}
		var totals = this.jdbc.sql("""
				SELECT COALESCE(SUM(conversations), 0), COALESCE(SUM(visitor_messages), 0), COALESCE(SUM(answers), 0),
				  COALESCE(SUM(unanswered), 0), COALESCE(SUM(leads), 0), COALESCE(SUM(feedback_up), 0), COALESCE(SUM(feedback_down), 0),
				  COALESCE(SUM(first_token_ms), 0), COALESCE(SUM(first_token_count), 0), COALESCE(SUM(input_tokens), 0),
				  COALESCE(SUM(output_tokens), 0)
				FROM analytics_daily""" + scope)
			.params(params)
			.query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
					rs.getLong(7), rs.getLong(9) == 0 ? 0 : Math.round((double) rs.getLong(8) / rs.getLong(9)), rs.getLong(10),
					rs.getLong(11)))
			.single();
		var perDay = new HashMap<LocalDate, Day>();
		this.jdbc.sql("SELECT stat_day, SUM(conversations), SUM(leads), SUM(visitor_messages), SUM(unanswered) FROM analytics_daily" + scope
				+ " GROUP BY stat_day")
			.params(params)
			.query((rs, n) -> new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.list()
			.forEach(d -> perDay.put(d.date(), d));
		var byDay = new ArrayList<Day>();
		for (var day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
			byDay.add(perDay.getOrDefault(day, new Day(day, 0, 0, 0, 0)));
		}
		var countries = dimension(scope, params, "country", 50).stream().map(e -> new CountryCount(e.getKey(), e.getValue())).toList();
		var referrers = dimension(scope, params, "referrer", 20).stream().map(e -> new SourceCount(e.getKey(), e.getValue())).toList();
		var pages = dimension(scope, params, "page", 20).stream().map(e -> new PageCount(e.getKey(), e.getValue())).toList();
		var devices = dimension(scope, params, "device", 10).stream().map(e -> new DeviceCount(e.getKey(), e.getValue())).toList();
		var top = this.jdbc.sql("SELECT MIN(question), SUM(asked) AS n FROM analytics_question" + scope
				+ " GROUP BY question_key ORDER BY n DESC, MIN(question) LIMIT 20")
			.params(params).query((rs, n) -> new QuestionCount(rs.getString(1), rs.getLong(2))).list();
		var unanswered = this.jdbc.sql("SELECT MIN(question), SUM(unanswered) AS n, MAX(last_asked_at) FROM analytics_question" + scope
				+ " AND unanswered > 0 GROUP BY question_key ORDER BY n DESC, MAX(last_asked_at) DESC LIMIT 50")
			.params(params)
			.query((rs, n) -> new UnansweredQuestion(rs.getString(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class)))
			.list();
		return new Analytics(range.from(), range.to(), totals, byDay, countries, referrers, pages, devices, top, unanswered);
	}

	private List<Map.Entry<String, Long>> dimension(String scope, Map<String, Object> params, String kind, int limit) {
		return this.jdbc.sql("SELECT dim_key, SUM(conversations) AS n FROM analytics_dimension" + scope
				+ " AND kind = :kind GROUP BY dim_key ORDER BY n DESC, dim_key LIMIT " + limit)
			.params(params).param("kind", kind)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list();
	}

}
