package ai.softnode.analytics;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.chat.ConversationStarted;
import ai.softnode.chat.FeedbackGiven;
import ai.softnode.chat.MessageAnswered;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.visitors.LeadCaptured;
import ai.softnode.visitors.VisitorArrived;

/**
 * Keeps the daily rollups up to date: each event adds to its day's row with one {@code MERGE} in
 * the publishing transaction, so a rollup never counts something that was rolled back and a chat
 * turn pays one indexed upsert (plus one for its question). Days are UTC days.
 */
@Component
class Rollups {

	private final JdbcClient jdbc;

	Rollups(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	@EventListener
	void on(MessageAnswered event) {
		var answer = "failed".equals(event.status()) ? 0 : 1;
		var unanswered = event.answered() ? 0 : 1;
		var latency = event.firstTokenMillis() > 0 && answer == 1 ? event.firstTokenMillis() : 0;
		add(event.workspace(), event.botId(), event.at(), 0, 1, answer, unanswered, 0, 0, 0, latency, latency > 0 ? 1 : 0,
				event.inputTokens(), event.outputTokens());
		var text = clip(event.question().strip().replaceAll("\\s+", " "), 500);
		var key = questionKey(event.question());
		if (key.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				MERGE INTO analytics_question t
				USING (VALUES (CAST(:bot AS UUID), CAST(:day AS DATE), CAST(:key AS VARCHAR(300)))) s(bot_id, stat_day, question_key)
				  ON t.bot_id = s.bot_id AND t.stat_day = s.stat_day AND t.question_key = s.question_key
				WHEN MATCHED THEN UPDATE SET asked = t.asked + 1, unanswered = t.unanswered + :unanswered,
				  last_asked_at = CASE WHEN t.last_asked_at < :at THEN :at ELSE t.last_asked_at END
				WHEN NOT MATCHED THEN INSERT (workspace_id, bot_id, stat_day, question_key, question, asked, unanswered, last_asked_at)
				  VALUES (:ws, :bot, :day, :key, :text, 1, :unanswered, :at)
				""")
			.param("ws", event.workspace().value()).param("bot", event.botId()).param("day", day(event.at())).param("key", key)
			.param("text", text).param("unanswered", unanswered).param("at", event.at())
			.update();
	}

	@EventListener
	void on(FeedbackGiven event) {
		var up = "up".equals(event.rating()) ? 1 : 0;
		add(event.workspace(), event.botId(), event.at(), 0, 0, 0, 0, 0, up, 1 - up, 0, 0, 0, 0);
	}

	@EventListener
	void on(LeadCaptured event) {
		add(event.workspace(), event.botId(), event.at(), 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
	}

	private void add(WorkspaceId workspace, UUID bot, OffsetDateTime at, int conversations, int visitorMessages, int answers,
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
			.param("ws", workspace.value()).param("bot", bot).param("day", day(at)).param("c", conversations).param("vm", visitorMessages)
			.param("a", answers).param("u", unanswered).param("l", leads).param("up", up).param("down", down).param("ftm", firstTokenMs)
			.param("ftc", firstTokenCount).param("it", inputTokens).param("ot", outputTokens)
			.update();
	}

	private void dimension(VisitorArrived event, String kind, String key) {
		this.jdbc.sql("""
				MERGE INTO analytics_dimension t
				USING (VALUES (CAST(:bot AS UUID), CAST(:day AS DATE), CAST(:kind AS VARCHAR(10)), CAST(:key AS VARCHAR(500))))
				  s(bot_id, stat_day, kind, dim_key)
				  ON t.bot_id = s.bot_id AND t.stat_day = s.stat_day AND t.kind = s.kind AND t.dim_key = s.dim_key
				WHEN MATCHED THEN UPDATE SET conversations = t.conversations + 1
				WHEN NOT MATCHED THEN INSERT (workspace_id, bot_id, stat_day, kind, dim_key, conversations) VALUES (:ws, :bot, :day, :kind, :key, 1)
				""")
			.param("ws", event.workspace().value()).param("bot", event.botId()).param("day", day(event.at())).param("kind", kind)
			.param("key", clip(key, 500))
			.update();
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
		var plain = Normalizer.normalize(question, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
		return clip(plain.replaceAll("[^\\p{L}\\p{N}]+", " ").strip(), 300);
	}

	private static String clip(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
