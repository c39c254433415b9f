package ai.softnode.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.chat.ConversationStarted;
import ai.softnode.chat.FeedbackGiven;
import ai.softnode.chat.MessageAnswered;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.visitors.LeadCaptured;
import ai.softnode.visitors.VisitorArrived;

/** Analytics against the raw data they are rolled up from, and after that data is gone. */
@IntegrationTest
class AnalyticsIntegrationTests {

	static final List<String> COUNTRIES = java.util.Arrays.asList("GB", "US", "DE", "FR", null);

	static final List<String> QUESTIONS = List.of("When are you open?", "Do you ship to Canada?", "How much is shipping?",
			"Can I return an item?", "Where is my order?", "Do you have gift cards?", "Is there a student discount?");

	@Autowired
	TestSupport support;

	@Autowired
	AnalyticsReports reports;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void rollupsMatchTheRawDataExactlyAndSurviveThePurge() {
		var owner = this.support.signUp("Analytics Owner");
		var key = this.support.createApiKey(owner);
		var api = this.support.api(key);
		var bots = new ArrayList<UUID>();
		for (int i = 0; i < 3; i++) {
			bots.add(UUID.fromString(api.post("/api/v1/bots", "{\"name\":\"Stats bot " + i + "\",\"model\":\"offline\"}").json().path("id").asString()));
		}
		var workspace = new WorkspaceId(owner.workspaceId());
		var today = LocalDate.now(this.clock);
		var random = new Random(42);
		// The raw rows are written as chat and visitors store them, and the same events those modules
		// publish are published in the same transaction, so the real listeners maintain the rollups.
		for (int batch = 0; batch < 20; batch++) {
			this.transactions.executeWithoutResult(tx -> {
				for (int i = 0; i < 500; i++) {
					seedConversation(workspace, bots.get(random.nextInt(3)), today, random);
				}
			});
		}
		var tenant = new Tenant(workspace, owner.id(), Role.OWNER, null);
		var range = new AnalyticsReports.Range(today.minusDays(89), today);
		var before = new HashMap<UUID, Analytics>();
		for (var bot : bots) {
			var report = this.reports.report(tenant, bot, range);
			assertMatchesRawData(bot, report);
			before.put(bot, report);
		}
		var total = bots.stream().mapToLong(b -> before.get(b).totals().conversations()).sum();
		assertThat(total).isEqualTo(10_000);
		var json = api.get("/api/v1/bots/" + bots.get(0) + "/analytics?from=" + range.from() + "&to=" + range.to());
		assertThat(json.status()).isEqualTo(200);
		assertThat(json.json().path("totals").path("conversations").asLong()).isEqualTo(before.get(bots.get(0)).totals().conversations());
		assertThat(json.json().path("byDay")).hasSize(90);

		this.support.jdbc().sql("DELETE FROM chat_conversation WHERE workspace_id = ?").param(owner.workspaceId()).update();
		this.support.jdbc().sql("DELETE FROM visitors_lead WHERE workspace_id = ?").param(owner.workspaceId()).update();
		for (var bot : bots) {
			assertThat(this.reports.report(tenant, bot, range)).isEqualTo(before.get(bot));
		}
		var workspaceReport = this.reports.report(tenant, null, range);
		assertThat(workspaceReport.totals().conversations()).isEqualTo(10_000);
	}

	@Test
	void realWidgetTrafficIsRolledUp() {
		var owner = this.support.signUp("Flow Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.createBotWithQa(owner,
				"{\"name\":\"Flow bot\",\"model\":\"offline\",\"leadCapture\":{\"mode\":\"AFTER_MESSAGES\",\"afterMessages\":1,\"fields\":[\"email\"]}}",
				"When are you open?", "We are open Monday to Friday from 9:00 to 17:30.");
		var visitor = this.support.visitor(bot.path("publicId").asString()).fromIp("81.2.69.160")
			.withUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0");
		visitor.start("https://shop.example/hours?utm_source=newsletter", "https://www.google.com/");
		var answered = visitor.ask("When are you open?");
		visitor.ask("Do you sell bicycles made of chocolate?");
		visitor.feedback(answered.last().data().path("id").asString(), "up");
		assertThat(visitor.lead("{\"email\":\"ann@example.com\",\"consent\":true}").status()).isEqualTo(201);
		var today = LocalDate.now(this.clock);
		var report = this.support.api(key).get("/api/v1/bots/" + bot.path("id").asString() + "/analytics?from=" + today.minusDays(6) + "&to=" + today)
			.json();
		var totals = report.path("totals");
		assertThat(totals.path("conversations").asInt()).isEqualTo(1);
		assertThat(totals.path("visitorMessages").asInt()).isEqualTo(2);
		assertThat(totals.path("answers").asInt()).isEqualTo(2);
		assertThat(totals.path("unanswered").asInt()).isEqualTo(1);
		assertThat(totals.path("leads").asInt()).isEqualTo(1);
		assertThat(totals.path("feedbackUp").asInt()).isEqualTo(1);
		assertThat(report.path("countries").get(0).path("country").asString()).isEqualTo("GB");
		assertThat(report.path("referrers").get(0).path("source").asString()).isEqualTo("newsletter");
		assertThat(report.path("pages").get(0).path("url").asString()).isEqualTo("shop.example/hours");
		assertThat(report.path("unansweredQuestions").get(0).path("question").asString()).isEqualTo("Do you sell bicycles made of chocolate?");
		assertThat(report.path("byDay")).hasSize(7);
		assertThat(report.path("byDay").get(6).path("conversations").asInt()).isEqualTo(1);
		var bad = this.support.api(key).get("/api/v1/bots/" + bot.path("id").asString() + "/analytics?from=" + today + "&to=" + today.minusDays(1));
		assertThat(bad.status()).isEqualTo(400);
		var other = this.support.api(this.support.createApiKey(this.support.signUp("Other Owner")));
		assertThat(other.get("/api/v1/bots/" + bot.path("id").asString() + "/analytics").status()).isEqualTo(404);
	}

	@Test
	void dashboardShowsFiguresAndAddsAnAnswerForAnUnansweredQuestion() {
		var owner = this.support.signUp("Board Owner");
		var bot = this.support.createBot(owner, "{\"name\":\"Board bot\",\"model\":\"offline\"}");
		var botId = bot.path("id").asString();
		var visitor = this.support.visitor(bot.path("publicId").asString()).fromIp("81.2.69.160");
		visitor.start("https://shop.example/", null);
		visitor.ask("Do you rent canoes?");
		var session = owner.session();
		var page = session.get("/app/analytics?days=7&bot=" + botId);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-chart=").contains("Do you rent canoes?").contains("Add an answer").contains("GB")
			.containsPattern("src=\"[^\"]*chart.umd[^\"]*.js\"").containsPattern("src=\"/js/analytics[^\"]*.js\"")
			.containsPattern("action=\"/app/analytics/answers\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\"");
		assertThat(session.get("/app/analytics?days=90").statusCode()).isEqualTo(200);
		assertThat(session.get("/app/analytics?from=2026-01-01&to=2026-01-31&bot=" + botId).statusCode()).isEqualTo(200);
		assertThat(session.get("/app/analytics?days=12").statusCode()).isEqualTo(400);
		var csv = session.get("/app/analytics.csv?days=7&bot=" + botId);
		assertThat(csv.body()).startsWith("date,conversations,visitor_messages,unanswered,leads");
		assertThat(session.get("/webjars/chart.js/dist/chart.umd.js").statusCode()).isEqualTo(200);
		session.post("/app/analytics/answers", "bot", botId, "question", "Do you rent canoes?", "answer", "Yes, from May to September.");
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE bot_id = ? AND type = 'qa'", java.util.UUID.fromString(botId)))
			.isEqualTo(1);
		session.post("/app/analytics/answers", "bot", botId, "question", "Do you rent canoes?", "answer", "");
		assertThat(this.support.count("SELECT COUNT(*) FROM knowledge_source WHERE bot_id = ?", java.util.UUID.fromString(botId))).isEqualTo(1);
	}

	private void seedConversation(WorkspaceId workspace, UUID bot, LocalDate today, Random random) {
		var jdbc = this.support.jdbc();
		var id = UUID.randomUUID();
		var visitor = UUID.randomUUID();
		var at = today.minusDays(random.nextInt(90)).atTime(random.nextInt(24), random.nextInt(60)).atOffset(ZoneOffset.UTC);
		var country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
		var hash = new byte[32];
		random.nextBytes(hash);
		jdbc.sql("""
				INSERT INTO chat_conversation (id, workspace_id, bot_id, visitor_id, visitor_token_hash, channel, started_at, last_message_at,
				  message_count, page_url, country) VALUES (?, ?, ?, ?, ?, 'widget', ?, ?, 0, 'https://shop.example/', ?)""")
			.params(id, workspace.value(), bot, visitor, HexFormat.of().formatHex(hash), at, at, country).update();
		this.events.publishEvent(new ConversationStarted(workspace, bot, id, visitor, "https://shop.example/", null, "widget", at));
		this.events.publishEvent(new VisitorArrived(workspace, bot, id, visitor, country, random.nextBoolean() ? "google.com" : null,
				"shop.example/", random.nextBoolean() ? "mobile" : "desktop", at));
		var turns = random.nextInt(4);
		for (int t = 0; t < turns; t++) {
			var question = UUID.randomUUID();
			var answer = UUID.randomUUID();
			var text = QUESTIONS.get(random.nextInt(QUESTIONS.size()));
			var answered = random.nextInt(4) > 0;
			var status = random.nextInt(20) == 0 ? "failed" : (answered ? "complete" : "fallback");
			var firstToken = 50 + random.nextInt(900);
			var feedback = random.nextInt(5) == 0 ? (random.nextBoolean() ? "up" : "down") : null;
			var when = at.plusSeconds(t * 30L);
			jdbc.sql("INSERT INTO chat_message (id, conversation_id, workspace_id, bot_id, role, text, created_at, status) VALUES (?, ?, ?, ?, 'visitor', ?, ?, 'received')")
				.params(question, id, workspace.value(), bot, text, when).update();
			jdbc.sql("""
					INSERT INTO chat_message (id, conversation_id, workspace_id, bot_id, role, text, created_at, status, reply_to, answered,
					  input_tokens, output_tokens, first_token_ms, feedback) VALUES (?, ?, ?, ?, 'assistant', 'answer', ?, ?, ?, ?, 100, 20, ?, ?)""")
				.params(answer, id, workspace.value(), bot, when, status, question, answered && !"failed".equals(status), firstToken, feedback)
				.update();
			this.events.publishEvent(new MessageAnswered(workspace, bot, id, visitor, question, answer, text, status, answered && !"failed".equals(status),
					100, 20, firstToken, when));
			if (feedback != null) {
				this.events.publishEvent(new FeedbackGiven(workspace, bot, id, answer, feedback, when));
			}
		}
		if (random.nextInt(10) == 0) {
			var lead = UUID.randomUUID();
			jdbc.sql("""
					INSERT INTO visitors_lead (id, workspace_id, bot_id, conversation_id, email, consent_given, created_at, updated_at)
					VALUES (?, ?, ?, ?, 'lead@example.com', TRUE, ?, ?)""").params(lead, workspace.value(), bot, id, at, at).update();
			this.events.publishEvent(new LeadCaptured(workspace, bot, lead, id, at));
		}
	}

	private void assertMatchesRawData(UUID bot, Analytics report) {
		var jdbc = this.support.jdbc();
		var startedAt = jdbc.sql("SELECT started_at FROM chat_conversation WHERE bot_id = ?").param(bot)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list();
		var perDay = new TreeMap<LocalDate, Long>();
		startedAt.forEach(at -> perDay.merge(at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum));
		var totals = report.totals();
		assertThat(totals.conversations()).isEqualTo(startedAt.size());
		for (var day : report.byDay()) {
			assertThat(day.conversations()).as(day.date().toString()).isEqualTo(perDay.getOrDefault(day.date(), 0L));
		}
		assertThat(totals.visitorMessages()).isEqualTo(this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ? AND role = 'visitor'", bot));
		assertThat(totals.answers())
			.isEqualTo(this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ? AND role = 'assistant' AND status <> 'failed'", bot));
		assertThat(totals.unanswered())
			.isEqualTo(this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ? AND role = 'assistant' AND NOT answered", bot));
		assertThat(totals.feedbackUp()).isEqualTo(this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ? AND feedback = 'up'", bot));
		assertThat(totals.feedbackDown()).isEqualTo(this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ? AND feedback = 'down'", bot));
		assertThat(totals.leads()).isEqualTo(this.support.count("SELECT COUNT(*) FROM visitors_lead WHERE bot_id = ?", bot));
		var latency = jdbc.sql("SELECT SUM(first_token_ms), COUNT(*) FROM chat_message WHERE bot_id = ? AND role = 'assistant' AND status <> 'failed'")
			.param(bot).query((rs, n) -> Math.round((double) rs.getLong(1) / rs.getLong(2))).single();
		assertThat(totals.avgFirstTokenMs()).isEqualTo(latency);
		assertThat(totals.inputTokens()).isEqualTo(100 * this.support.count("SELECT COUNT(*) FROM chat_message WHERE bot_id = ? AND role = 'assistant'", bot));
		Map<String, Long> countries = new HashMap<>();
		jdbc.sql("SELECT COALESCE(country, 'unknown'), COUNT(*) FROM chat_conversation WHERE bot_id = ? GROUP BY COALESCE(country, 'unknown')")
			.param(bot).query((rs, n) -> countries.put(rs.getString(1), rs.getLong(2))).list();
		assertThat(report.countries()).hasSize(countries.size());
		report.countries().forEach(c -> assertThat(c.conversations()).as(c.country()).isEqualTo(countries.get(c.country())));
		Map<String, Long> questions = new HashMap<>();
		jdbc.sql("SELECT text, COUNT(*) FROM chat_message WHERE bot_id = ? AND role = 'visitor' GROUP BY text").param(bot)
			.query((rs, n) -> questions.put(rs.getString(1), rs.getLong(2))).list();
		assertThat(report.topQuestions()).hasSize(questions.size());
		report.topQuestions().forEach(q -> assertThat(q.count()).as(q.question()).isEqualTo(questions.get(q.question())));
		Map<String, Long> unanswered = new HashMap<>();
		jdbc.sql("""
				SELECT q.text, COUNT(*) FROM chat_message a JOIN chat_message q ON q.id = a.reply_to
				WHERE a.bot_id = ? AND a.role = 'assistant' AND NOT a.answered GROUP BY q.text""").param(bot)
			.query((rs, n) -> unanswered.put(rs.getString(1), rs.getLong(2))).list();
		report.unansweredQuestions().forEach(q -> assertThat(q.count()).as(q.question()).isEqualTo(unanswered.get(q.question())));
		assertThat(report.unansweredQuestions()).hasSize(unanswered.size());
	}

}
