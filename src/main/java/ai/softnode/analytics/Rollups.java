package ai.softnode.analytics;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ai.softnode.bots.BotDeleted;
import ai.softnode.chat.ConversationStarted;
import ai.softnode.chat.ConversationsDeleted;
import ai.softnode.chat.FeedbackGiven;
import ai.softnode.chat.MessageAnswered;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.visitors.LeadCaptured;
import ai.softnode.visitors.VisitorArrived;

/**
 * Keeps the daily rollups up to date: each event adds to its day's row with one {@code MERGE} in
 * the publishing transaction, so a rollup never counts something that was rolled back. A chat turn
 * pays three indexed upserts (the day's totals, the question's day and month rows), made just before
 * its transaction commits; answers stored together share them. Days are UTC days; months are kept
 * beside days so long ranges read few rows.
 */
@Component
class Rollups {

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}");

	private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	Rollups(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	@EventListener
	void on(ConversationStarted event) {
		add(event.workspace(), event.botId(), event.at(), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	}

	@EventListener
	void on(VisitorArrived event) {
		dimension(event, "country", event.country() == null ? "unknown" : event.country());
		dimension(event, "referrer", event.source() == null ? "direct" : event.source());
		dimension(event, "page", event.pagePath() == null ? "unknown" : event.pagePath());
		dimension(event, "device", event.device());
	}

	/**
	 * Adds an answer to its day's totals and its question's day and month rows. Inside a transaction
	 * the answers are summed and written just before it commits, one row at a time in a fixed order:
	 * a bot's answers stored together (the chat module stores a busy bot's answers in batches) then
	 * update its day's totals once, and its questions in one round trip per table.
	 */
	@EventListener
	void on(MessageAnswered event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			var pending = new Answered();
			pending.add(event);
			pending.flush();
			return;
		}
		var pending = (Answered) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			var created = new Answered();
			TransactionSynchronizationManager.bindResource(this, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					created.flush();
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(Rollups.this);
				}

			});
			pending = created;
		}
		pending.add(event);
	}

	/**
	 * Counts the rating an answer holds now: a first rating adds to its day, a changed one moves the
	 * count from the old rating to the new (on the day of the first rating), the same rating again adds nothing.
	 */
	@EventListener
	void on(FeedbackGiven event) {
		var rating = "up".equals(event.rating()) ? "up" : "down";
		var previous = this.jdbc.sql("SELECT rating, stat_day FROM analytics_feedback WHERE message_id = :m FOR UPDATE")
			.param("m", event.messageId())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)))
			.optional();
		if (previous.isEmpty()) {
			this.jdbc.sql("""
					INSERT INTO analytics_feedback (message_id, workspace_id, bot_id, conversation_id, stat_day, rating)
					VALUES (:m, :ws, :bot, :c, :day, :rating)""")
				.param("m", event.messageId()).param("ws", event.workspace().value()).param("bot", event.botId())
				.param("c", event.conversationId()).param("day", day(event.at())).param("rating", rating)
				.update();
			var up = "up".equals(rating) ? 1 : 0;
			add(event.workspace(), event.botId(), day(event.at()), 0, 0, 0, 0, 0, up, 1 - up, 0, 0, 0, 0);
			return;
		}
		if (previous.get().getKey().equals(rating)) {
			return;
		}
		this.jdbc.sql("UPDATE analytics_feedback SET rating = :rating WHERE message_id = :m")
			.param("rating", rating).param("m", event.messageId()).update();
		var up = "up".equals(rating) ? 1 : -1;
		add(event.workspace(), event.botId(), previous.get().getValue(), 0, 0, 0, 0, 0, up, -up, 0, 0, 0, 0);
	}

	@EventListener
	void on(LeadCaptured event) {
		add(event.workspace(), event.botId(), event.at(), 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
	}

	/** A deleted bot's figures go with it; the workspace's other bots keep theirs. */
	@EventListener
	void on(BotDeleted event) {
		for (var table : BOT_TABLES) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE workspace_id = :ws AND bot_id = :bot")
				.param("ws", event.workspace().value()).param("bot", event.botId()).update();
		}
	}

	/**
	 * Conversations that are gone (retention, erasure, deletion) no longer need their ratings' state;
	 * the anonymous figures they produced stay.
	 */
	@EventListener
	void on(ConversationsDeleted event) {
		var ids = event.conversationIds();
		for (int i = 0; i < ids.size(); i += 500) {
			var chunk = ids.subList(i, Math.min(ids.size(), i + 500));
			this.jdbc.sql("DELETE FROM analytics_feedback WHERE conversation_id IN (:ids)").param("ids", chunk).update();
		}
	}

	/** Every analytics table, each with a workspace_id and a bot_id column. */
	static final List<String> BOT_TABLES = List.of("analytics_daily", "analytics_dimension", "analytics_dimension_month", "analytics_question",
			"analytics_question_month", "analytics_feedback");

	private void questions(String table, String column, List<Asked> rows) {
		if (rows.isEmpty()) {
			return;
		}
		var parameters = rows.stream().map(row -> new MapSqlParameterSource().addValue("ws", row.workspace().value())
			.addValue("bot", row.bot()).addValue("period", row.period()).addValue("key", row.key()).addValue("text", row.text())
			.addValue("asked", row.asked()).addValue("unanswered", row.unanswered()).addValue("at", row.lastAskedAt())
			.addValue("visitor", row.soleVisitor())).toArray(SqlParameterSource[]::new);
		this.batch.batchUpdate("""
				MERGE INTO %1$s t
				USING (VALUES (CAST(:bot AS UUID), CAST(:period AS DATE), CAST(:key AS VARCHAR(300)))) s(bot_id, %2$s, question_key)
				  ON t.bot_id = s.bot_id AND t.%2$s = s.%2$s AND t.question_key = s.question_key
				WHEN MATCHED THEN UPDATE SET asked = t.asked + :asked, unanswered = t.unanswered + :unanswered,
				  last_asked_at = CASE WHEN t.last_asked_at < :at THEN :at ELSE t.last_asked_at END,
				  sole_visitor = CASE WHEN t.sole_visitor = CAST(:visitor AS UUID) THEN t.sole_visitor ELSE NULL END
				WHEN NOT MATCHED THEN INSERT (workspace_id, bot_id, %2$s, question_key, question, asked, unanswered, last_asked_at, sole_visitor)
				  VALUES (:ws, :bot, :period, :key, :text, :asked, :unanswered, :at, CAST(:visitor AS UUID))
				""".formatted(table, column), parameters);
	}

	private void add(WorkspaceId workspace, UUID bot, OffsetDateTime at, int conversations, int visitorMessages, int answers,
			int unanswered, int leads, int up, int down, long firstTokenMs, int firstTokenCount, long inputTokens, long outputTokens) {
		add(workspace, bot, day(at), conversations, visitorMessages, answers, unanswered, leads, up, down, firstTokenMs, firstTokenCount,
				inputTokens, outputTokens);
	}

	private void add(WorkspaceId workspace, UUID bot, LocalDate day, int conversations, int visitorMessages, int answers,
			int unanswered, int leads, int up, int down, long firstTokenMs, int firstTokenCount, long inputTokens, long outputTokens) {
		this.jdbc.sql("""
				MERGE INTO analytics_daily t
				USING (VALUES (CAST(:bot AS UUID), CAST(:day AS DATE))) s(bot_id, stat_day) ON t.bot_id = s.bot_id AND t.stat_day = s.stat_day
				WHEN MATCHED THEN UPDATE SET conversations = t.conversations + :c, visitor_messages = t.visitor_messages + :vm,
				  answers = t.answers + :a, unanswered = t.unanswered + :u, leads = t.leads + :l, feedback_up = t.feedback_up + :up,
				  feedback_down = t.feedback_down + :down, first_token_ms = t.first_token_ms + :ftm, first_token_count = t.first_token_count + :ftc,
				  input_tokens = t.input_tokens + :it, output_tokens = t.output_tokens + :ot
				WHEN NOT MATCHED THEN INSERT (workspace_id, bot_id, stat_day, conversations, visitor_messages, answers, unanswered, leads,
				  feedback_up, feedback_down, first_token_ms, first_token_count, input_tokens, output_tokens)
				  VALUES (:ws, :bot, :day, :c, :vm, :a, :u, :l, :up, :down, :ftm, :ftc, :it, :ot)
				""")
			.param("ws", workspace.value()).param("bot", bot).param("day", day).param("c", conversations).param("vm", visitorMessages)
			.param("a", answers).param("u", unanswered).param("l", leads).param("up", up).param("down", down).param("ftm", firstTokenMs)
			.param("ftc", firstTokenCount).param("it", inputTokens).param("ot", outputTokens)
			.update();
	}

	private void dimension(VisitorArrived event, String kind, String key) {
		var day = day(event.at());
		dimension(event, "analytics_dimension", "stat_day", day, kind, key);
		dimension(event, "analytics_dimension_month", "stat_month", day.withDayOfMonth(1), kind, key);
	}

	private void dimension(VisitorArrived event, String table, String column, LocalDate period, String kind, String key) {
		this.jdbc.sql("""
				MERGE INTO %1$s t
				USING (VALUES (CAST(:bot AS UUID), CAST(:kind AS VARCHAR(10)), CAST(:period AS DATE), CAST(:key AS VARCHAR(500))))
				  s(bot_id, kind, %2$s, dim_key)
				  ON t.bot_id = s.bot_id AND t.kind = s.kind AND t.%2$s = s.%2$s AND t.dim_key = s.dim_key
				WHEN MATCHED THEN UPDATE SET conversations = t.conversations + 1
				WHEN NOT MATCHED THEN INSERT (workspace_id, bot_id, %2$s, kind, dim_key, conversations) VALUES (:ws, :bot, :period, :kind, :key, 1)
				""".formatted(table, column))
			.param("ws", event.workspace().value()).param("bot", event.botId()).param("period", period).param("kind", kind)
			.param("key", clip(key, 500))
			.update();
	}

	/**
	 * Answers of one transaction, summed per row: a day's totals, and a question's day and month
	 * rows. A question row keeps its sole visitor only while every answer to it came from that visitor.
	 */
	private final class Answered {

		private final Map<String, Totals> days = new TreeMap<>();

		private final Map<String, Asked> questionDays = new TreeMap<>();

		private final Map<String, Asked> questionMonths = new TreeMap<>();

		void add(MessageAnswered event) {
			var answer = "failed".equals(event.status()) ? 0 : 1;
			var unanswered = event.answered() ? 0 : 1;
			var latency = event.firstTokenMillis() > 0 && answer == 1 ? event.firstTokenMillis() : 0;
			var day = day(event.at());
			this.days.computeIfAbsent(event.botId() + "|" + day, k -> new Totals(event.workspace(), event.botId(), day))
				.add(answer, unanswered, latency, event.inputTokens(), event.outputTokens());
			var key = questionKey(event.question());
			if (key.isEmpty()) {
				return;
			}
			var text = clip(SPACES.matcher(event.question().strip()).replaceAll(" "), 500);
			ask(this.questionDays, event, day, key, text, unanswered);
			ask(this.questionMonths, event, day.withDayOfMonth(1), key, text, unanswered);
		}

		private void ask(Map<String, Asked> rows, MessageAnswered event, LocalDate period, String key, String text, int unanswered) {
			rows.merge(event.botId() + "|" + period + "|" + key,
					new Asked(event.workspace(), event.botId(), period, key, text, 1, unanswered, event.at(), event.visitorId()), Asked::plus);
		}

		void flush() {
			for (var totals : this.days.values()) {
				Rollups.this.add(totals.workspace, totals.bot, totals.day, 0, totals.visitorMessages, totals.answers, totals.unanswered, 0, 0, 0,
						totals.firstTokenMs, totals.firstTokenCount, totals.inputTokens, totals.outputTokens);
			}
			questions("analytics_question", "stat_day", List.copyOf(this.questionDays.values()));
			questions("analytics_question_month", "stat_month", List.copyOf(this.questionMonths.values()));
		}

	}

	/** One day's totals of a bot's answers. */
	private static final class Totals {

		final WorkspaceId workspace;

		final UUID bot;

		final LocalDate day;

		int visitorMessages;

		int answers;

		int unanswered;

		long firstTokenMs;

		int firstTokenCount;

		long inputTokens;

		long outputTokens;

		Totals(WorkspaceId workspace, UUID bot, LocalDate day) {
			this.workspace = workspace;
			this.bot = bot;
			this.day = day;
		}

		void add(int answer, int unanswered, long latency, long inputTokens, long outputTokens) {
			this.visitorMessages++;
			this.answers += answer;
			this.unanswered += unanswered;
			this.firstTokenMs += latency;
			this.firstTokenCount += latency > 0 ? 1 : 0;
			this.inputTokens += inputTokens;
			this.outputTokens += outputTokens;
		}

	}

	/** A question's count for one period: how often asked, how often unanswered, when last, by whom if always the same visitor. */
	private record Asked(WorkspaceId workspace, UUID bot, LocalDate period, String key, String text, int asked, int unanswered,
			OffsetDateTime lastAskedAt, @Nullable UUID soleVisitor) {

		Asked plus(Asked later) {
			return new Asked(this.workspace, this.bot, this.period, this.key, this.text, this.asked + later.asked,
					this.unanswered + later.unanswered, later.lastAskedAt.isAfter(this.lastAskedAt) ? later.lastAskedAt : this.lastAskedAt,
					this.soleVisitor != null && this.soleVisitor.equals(later.soleVisitor) ? this.soleVisitor : null);
		}

	}

	static LocalDate day(OffsetDateTime at) {
		return at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
	}

	/**
	 * Groups wordings of the same question: case, accents, punctuation and spacing are ignored, so
	 * "Do you ship to Canada?" and "do you ship to canada" count as one.
	 */
	static String questionKey(@Nullable String question) {
		if (question == null) {
			return "";
		}
		var plain = MARKS.matcher(Normalizer.normalize(question, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
		return clip(NOT_WORD.matcher(plain).replaceAll(" ").strip(), 300);
	}

	private static String clip(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
