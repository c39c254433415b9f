package ai.softnode.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.chat.MessageAnswered;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.PersonalDataHolder;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.VisitorClient;
import tools.jackson.databind.JsonNode;

/** Feedback changes, bot deletion, clustered questions over HTTP, and the rollups as personal data. */
@IntegrationTest
class AnalyticsRollupsIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	List<PersonalDataHolder> holders;

	private String week() {
		var today = LocalDate.now(this.clock);
		return "?from=" + today.minusDays(6) + "&to=" + today;
	}

	private long rowsOf(UUID bot) {
		var n = 0L;
		for (var table : Rollups.BOT_TABLES) {
			n += this.support.count("SELECT COUNT(*) FROM " + table + " WHERE bot_id = ?", bot);
		}
		return n;
	}

	@Test
	void aChangedRatingCountsOnlyTheFinalOne() {
		var owner = this.support.signUp("Feedback Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.createBot(owner, "{\"name\":\"Feedback bot\",\"model\":\"offline\"}");
		var visitor = this.support.visitor(bot.path("publicId").asString());
		visitor.start("https://shop.example/", null);
		var first = visitor.ask("When are you open?").last().data().path("id").asString();
		var second = visitor.ask("Do you ship to Canada?").last().data().path("id").asString();
		assertThat(visitor.feedback(first, "up").status()).isLessThan(300);
		assertThat(visitor.feedback(first, "down").status()).isLessThan(300);
		assertThat(visitor.feedback(first, "down").status()).isLessThan(300);
		visitor.feedback(second, "down");
		visitor.feedback(second, "up");
		visitor.feedback(second, "down");
		visitor.feedback(second, "up");
		var totals = this.support.api(key).get("/api/v1/bots/" + bot.path("id").asString() + "/analytics" + week()).json().path("totals");
		assertThat(totals.path("feedbackUp").asInt()).isEqualTo(1);
		assertThat(totals.path("feedbackDown").asInt()).isEqualTo(1);
	}

	@Test
	void deletingABotRemovesItsRollupsOnly() {
		var owner = this.support.signUp("Deleting Owner");
		var key = this.support.createApiKey(owner);
		var api = this.support.api(key);
		var doomed = this.support.createBot(owner, "{\"name\":\"Doomed bot\",\"model\":\"offline\"}");
		var kept = this.support.createBot(owner, "{\"name\":\"Kept bot\",\"model\":\"offline\"}");
		for (var bot : List.of(doomed, kept)) {
			var visitor = this.support.visitor(bot.path("publicId").asString()).fromIp("81.2.69.160");
			visitor.start("https://shop.example/hours", "https://www.google.com/");
			var answer = visitor.ask("When are you open?").last().data().path("id").asString();
			visitor.feedback(answer, "up");
		}
		var doomedId = UUID.fromString(doomed.path("id").asString());
		var keptId = UUID.fromString(kept.path("id").asString());
		assertThat(rowsOf(doomedId)).isGreaterThanOrEqualTo(Rollups.BOT_TABLES.size());
		var keptRows = rowsOf(keptId);
		assertThat(api.delete("/api/v1/bots/" + doomedId).status()).isEqualTo(204);
		assertThat(rowsOf(doomedId)).isZero();
		assertThat(rowsOf(keptId)).isEqualTo(keptRows);
		var workspace = api.get("/api/v1/bots/" + keptId + "/analytics" + week()).json().path("totals");
		assertThat(workspace.path("conversations").asInt()).isEqualTo(1);
	}

	@Test
	void questionsAreClusteredInTheApiThePageAndTheCsv() {
		var owner = this.support.signUp("Cluster Owner");
		var key = this.support.createApiKey(owner);
		var bot = this.support.createBot(owner, "{\"name\":\"Cluster bot\",\"model\":\"offline\"}");
		var asked = List.of("What are your opening hours?", "What are your opening hours?", "what r ur opening hours", "Opening hours??",
				"Do you ship to Canada?", "do you ship to canda", "Do you ship to France?");
		for (var question : asked) {
			var visitor = this.support.visitor(bot.path("publicId").asString());
			visitor.start("https://shop.example/", null);
			visitor.ask(question);
		}
		var path = "/api/v1/bots/" + bot.path("id").asString() + "/analytics" + week();
		var report = this.support.api(key).get(path).json();
		var top = byQuestion(report.path("topQuestions"));
		assertThat(top.keySet()).containsExactly("What are your opening hours?", "Do you ship to Canada?", "Do you ship to France?");
		assertThat(top.get("What are your opening hours?").path("count").asInt()).isEqualTo(4);
		assertThat(top.get("What are your opening hours?").path("variants").valueStream().map(JsonNode::asString))
			.containsExactly("Opening hours??", "what r ur opening hours");
		assertThat(top.get("Do you ship to Canada?").path("count").asInt()).isEqualTo(2);
		assertThat(top.get("Do you ship to France?").path("count").asInt()).isEqualTo(1);
		// the offline model answers nothing from knowledge: every question is unanswered, clustered the same way
		var unanswered = byQuestion(report.path("unansweredQuestions"));
		assertThat(unanswered.get("What are your opening hours?").path("count").asInt()).isEqualTo(4);
		assertThat(unanswered.get("What are your opening hours?").path("lastAskedAt").isMissingNode()).isFalse();

		var csv = this.support.api(key).send("GET", path + "&report=questions", null, "text/csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.body()).startsWith("question,count,variants")
			.contains("What are your opening hours?,4,Opening hours?? | what r ur opening hours");
		assertThat(this.support.api(key).send("GET", path + "&report=nonsense", null, "text/csv").status()).isEqualTo(400);
		var page = owner.session().get("/app/analytics?days=365&bot=" + bot.path("id").asString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Also asked as").contains("what r ur opening hours").contains("report=questions");
		var unansweredCsv = owner.session().get("/app/analytics.csv?report=unanswered&days=7&bot=" + bot.path("id").asString());
		assertThat(unansweredCsv.body()).startsWith("question,count,last_asked_at,variants").contains("Do you ship to France?,1,");
	}

	@Test
	void answersOfOneTransactionAreSummedAndAQuestionKeepsItsSoleVisitorOnlyIfNobodyElseAskedIt() {
		var owner = this.support.signUp("Summing Owner");
		var workspace = new WorkspaceId(owner.workspaceId());
		var bot = UUID.fromString(this.support.createBot(owner, "{\"name\":\"Summing bot\",\"model\":\"offline\"}").path("id").asString());
		var alice = UUID.randomUUID();
		var bob = UUID.randomUUID();
		var at = OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.SECONDS);
		this.transactions.executeWithoutResult(tx -> {
			answered(workspace, bot, alice, "Where is my parcel?", "complete", true, 120, at);
			answered(workspace, bot, alice, "where is my parcel", "fallback", false, 0, at.plusSeconds(5));
			answered(workspace, bot, alice, "Do you ship to Canada?", "complete", true, 80, at);
			answered(workspace, bot, bob, "Do you ship to Canada?", "failed", false, 0, at.plusSeconds(9));
			assertThat(this.support.count("SELECT COUNT(*) FROM analytics_daily WHERE bot_id = ?", bot))
				.as("written just before the commit").isZero();
		});
		var daily = this.support.jdbc().sql("""
				SELECT visitor_messages, answers, unanswered, first_token_ms, first_token_count, input_tokens, output_tokens
				FROM analytics_daily WHERE bot_id = :bot""").param("bot", bot)
			.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
			.single();
		assertThat(daily).containsExactly(4L, 3L, 2L, 200L, 2L, 40L, 20L);
		for (var table : List.of("analytics_question", "analytics_question_month")) {
			var rows = this.support.jdbc().sql("SELECT question_key, question, asked, unanswered, sole_visitor, last_asked_at FROM " + table
					+ " WHERE bot_id = :bot ORDER BY question_key").param("bot", bot)
				.query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getObject(5, UUID.class),
						rs.getObject(6, OffsetDateTime.class).toInstant()))
				.list();
			assertThat(rows).containsExactly(
					Arrays.asList("do you ship to canada", "Do you ship to Canada?", 2, 1, null, at.plusSeconds(9).toInstant()),
					Arrays.asList("where is my parcel", "Where is my parcel?", 2, 1, alice, at.plusSeconds(5).toInstant()));
		}
	}

	private void answered(WorkspaceId workspace, UUID bot, UUID visitor, String question, String status, boolean answered, long firstToken,
			OffsetDateTime at) {
		this.events.publishEvent(new MessageAnswered(workspace, bot, UUID.randomUUID(), visitor, UUID.randomUUID(), UUID.randomUUID(), question,
				status, answered, 10, 5, firstToken, at));
	}

	private static Map<String, JsonNode> byQuestion(JsonNode list) {
		var map = new LinkedHashMap<String, JsonNode>();
		list.forEach(q -> map.put(q.path("question").asString(), q));
		return map;
	}

	@Test
	void erasingAVisitorRemovesTheQuestionsOnlyTheyAskedAndTheWorkspaceExportsAndErases() throws Exception {
		var owner = this.support.signUp("Privacy Owner");
		var bot = this.support.createBot(owner, "{\"name\":\"Privacy bot\",\"model\":\"offline\"}");
		var botId = UUID.fromString(bot.path("id").asString());
		VisitorClient ann = this.support.visitor(bot.path("publicId").asString());
		ann.start("https://shop.example/", null);
		ann.ask("My order 4711 for Annabel Crowthorne is late");
		ann.ask("When are you open?");
		ann.ask("My order 4711 for Annabel Crowthorne is late!");
		var bob = this.support.visitor(bot.path("publicId").asString());
		bob.start("https://shop.example/", null);
		bob.ask("When are you open?");
		var holder = this.holders.stream().filter(h -> h.name().equals("analytics")).findFirst().orElseThrow();
		var workspace = new WorkspaceId(owner.workspaceId());
		var sql = "SELECT COUNT(*) FROM %s WHERE bot_id = ? AND question LIKE '%%Annabel%%'";
		assertThat(this.support.count(sql.formatted("analytics_question"), botId)).isEqualTo(1);
		assertThat(this.support.count(sql.formatted("analytics_question_month"), botId)).isEqualTo(1);

		var visitorFiles = new Files();
		holder.exportVisitor(workspace, UUID.fromString(ann.visitorId()), visitorFiles);
		assertThat(visitorFiles.files.get("analytics/questions.csv")).contains("Annabel Crowthorne").doesNotContain("When are you open");

		assertThat(holder.eraseVisitor(workspace, UUID.fromString(ann.visitorId()))).isGreaterThanOrEqualTo(2);
		assertThat(this.support.count(sql.formatted("analytics_question"), botId)).isZero();
		assertThat(this.support.count(sql.formatted("analytics_question_month"), botId)).isZero();
		assertThat(this.support.count("SELECT COALESCE(SUM(asked), 0) FROM analytics_question WHERE bot_id = ? AND question = 'When are you open?'", botId))
			.isEqualTo(2);
		assertThat(this.support.count("SELECT COALESCE(SUM(visitor_messages), 0) FROM analytics_daily WHERE bot_id = ?", botId)).isEqualTo(4);

		var files = new Files();
		holder.exportWorkspace(workspace, files);
		assertThat(files.files.get("analytics/daily.csv")).startsWith("bot_id,stat_day,conversations").contains(botId.toString());
		assertThat(files.files.get("analytics/dimensions.csv")).startsWith("bot_id,stat_day,kind,dim_key,conversations");
		assertThat(files.files.get("analytics/questions.csv")).contains("When are you open?").doesNotContain("Annabel");

		holder.eraseWorkspace(workspace);
		assertThat(rowsOf(botId)).isZero();
		holder.eraseWorkspace(workspace);
	}

	/** An export archive in memory. */
	static final class Files implements ExportArchive {

		final Map<String, String> files = new LinkedHashMap<>();

		@Override
		public void add(String path, String description, Body body) throws java.io.IOException {
			var out = new ByteArrayOutputStream();
			body.writeTo(out);
			this.files.put(path, out.toString(StandardCharsets.UTF_8));
		}

	}

}
