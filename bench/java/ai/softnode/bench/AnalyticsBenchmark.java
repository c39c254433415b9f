package ai.softnode.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.SoftnodeApplication;
import ai.softnode.chat.MessageAnswered;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.support.WebSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analytics at scale: one bot whose rollups hold 1,000,000 conversations over 365 days (the rows the
 * rollup listeners produce for that traffic, written directly so seeding takes seconds, not hours),
 * then the analytics API and dashboard page timed over real HTTP. Also times rollup maintenance per
 * chat turn: the {@code MessageAnswered} listeners (two MERGEs) run in the publishing transaction.
 * Prints figures; run with {@code bench/analytics.sh}.
 */
public final class AnalyticsBenchmark {

	static final int CONVERSATIONS = 1_000_000;

	static final int DAYS = 365;

	public static void main(String[] args) throws Exception {
		// command-line arguments outrank application.yml, so the benchmark never touches ./data
		var settings = new String[] { "--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:analytics-bench;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
				"--spring.datasource.password=", "--softnode.data-dir=" + java.nio.file.Files.createTempDirectory("softnode-analytics-bench-"),
				"--logging.level.root=WARN" };
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SoftnodeApplication.class).run(settings)) {
			var base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
			var owner = WebSession.to(base);
			var email = "bench-" + System.nanoTime() + "@example.com";
			owner.post("/signup", "name", "Bench", "email", email, "password", "quiet harbour lantern 7", "company", "Bench Ltd");
			var matcher = Pattern.compile("id=\"new-api-key\"[^>]*>([^<]+)<").matcher(owner.post("/app/settings/api-keys", "name", "bench").body());
			if (!matcher.find()) {
				throw new IllegalStateException("could not create an API key");
			}
			var key = matcher.group(1).trim();
			var http = HttpClient.newHttpClient();
			var created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/bots")).header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench bot\",\"model\":\"offline\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			var bot = JsonMapper.builder().build().readTree(created.body()).path("id").asString();
			var jdbc = context.getBean(JdbcTemplate.class);
			var workspace = jdbc.queryForObject("SELECT workspace_id FROM workspaces_member m JOIN accounts_user u ON u.id = m.user_id WHERE u.email = ?",
					UUID.class, email);
			var started = System.nanoTime();
			seed(jdbc, workspace, UUID.fromString(bot));
			System.out.printf("seeded rollups of %,d conversations over %d days in %.1f s (%,d rollup rows)%n", CONVERSATIONS, DAYS,
					(System.nanoTime() - started) / 1e9, rows(jdbc));

			var today = LocalDate.now(ZoneOffset.UTC);
			var api = HttpRequest.newBuilder(URI.create(base + "/api/v1/bots/" + bot + "/analytics?from=" + today.minusDays(89) + "&to=" + today))
				.header("Authorization", "Bearer " + key).build();
			var apiYear = HttpRequest.newBuilder(URI.create(base + "/api/v1/bots/" + bot + "/analytics?from=" + today.minusDays(364) + "&to=" + today))
				.header("Authorization", "Bearer " + key).build();
			time("API, 90 days", () -> check(http.send(api, HttpResponse.BodyHandlers.ofString())));
			time("API, 365 days", () -> check(http.send(apiYear, HttpResponse.BodyHandlers.ofString())));
			time("dashboard page, 90 days", () -> {
				var page = owner.get("/app/analytics?days=90&bot=" + bot);
				if (page.statusCode() != 200) {
					throw new IllegalStateException("page: " + page.statusCode());
				}
			});
			maintenance(context, new WorkspaceId(workspace), UUID.fromString(bot));
		}
	}

	interface Call {

		void run() throws Exception;

	}

	private static void check(HttpResponse<String> response) {
		if (response.statusCode() != 200 || !response.body().contains("\"conversations\"")) {
			throw new IllegalStateException("API: " + response.statusCode());
		}
	}

	private static void time(String what, Call call) throws Exception {
		for (int i = 0; i < 20; i++) {
			call.run();
		}
		var samples = new long[50];
		for (int i = 0; i < samples.length; i++) {
			var t = System.nanoTime();
			call.run();
			samples[i] = System.nanoTime() - t;
		}
		Arrays.sort(samples);
		System.out.printf("%-26s median %6.1f ms   p95 %6.1f ms   max %6.1f ms   (budget 300 ms)%n", what, samples[25] / 1e6,
				samples[47] / 1e6, samples[49] / 1e6);
	}

	/** The cost the rollup listeners add to a turn: transactions publishing MessageAnswered minus the same transactions without. */
	private static void maintenance(ConfigurableApplicationContext context, WorkspaceId workspace, UUID bot) {
		ApplicationEventPublisher events = context;
		var transactions = context.getBean(TransactionTemplate.class);
		var jdbc = context.getBean(JdbcTemplate.class);
		var turns = 20_000;
		for (int round = 0; round < 2; round++) {
			var bare = System.nanoTime();
			for (int i = 0; i < turns; i++) {
				transactions.executeWithoutResult(tx -> jdbc.queryForObject("SELECT 1", Integer.class));
			}
			bare = System.nanoTime() - bare;
			var with = System.nanoTime();
			for (int i = 0; i < turns; i++) {
				var n = i;
				transactions.executeWithoutResult(tx -> {
					jdbc.queryForObject("SELECT 1", Integer.class);
					events.publishEvent(new MessageAnswered(workspace, bot, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
							"Question number " + (n % 500) + "?", "complete", n % 4 != 0, 1200, 180, 420, false, OffsetDateTime.now(ZoneOffset.UTC)));
				});
			}
			with = System.nanoTime() - with;
			if (round == 1) {
				System.out.printf("rollup maintenance per chat turn: %.3f ms (budget 1 ms), %,d turns%n", (with - bare) / 1e6 / turns, turns);
			}
		}
	}

	private static long rows(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM analytics_daily) + (SELECT COUNT(*) FROM analytics_dimension)"
				+ " + (SELECT COUNT(*) FROM analytics_question)", Long.class);
	}

	private static void seed(JdbcTemplate jdbc, UUID workspace, UUID bot) {
		var today = LocalDate.now(ZoneOffset.UTC);
		var daily = new ArrayList<Object[]>();
		var dims = new ArrayList<Object[]>();
		var questions = new ArrayList<Object[]>();
		for (int d = 0; d < DAYS; d++) {
			var day = today.minusDays(d);
			var conversations = CONVERSATIONS / DAYS + (d < CONVERSATIONS % DAYS ? 1 : 0);
			var messages = conversations * 2;
			var unanswered = messages / 5;
			daily.add(new Object[] { workspace, bot, day, conversations, messages, messages, unanswered, conversations / 20, messages / 10,
					messages / 40, 450L * messages, messages, 1200L * messages, 180L * messages });
			spread(dims, workspace, bot, day, "country", 120, conversations);
			spread(dims, workspace, bot, day, "referrer", 60, conversations);
			spread(dims, workspace, bot, day, "page", 200, conversations);
			spread(dims, workspace, bot, day, "device", 4, conversations);
			for (int q = 0; q < 300; q++) {
				questions.add(new Object[] { workspace, bot, day, "question " + q, "Question " + q + "?", Math.max(1, messages / (q + 2) / 6),
						q % 5 == 0 ? 3 : 0, day.atTime(12, 0).atOffset(ZoneOffset.UTC) });
			}
		}
		jdbc.batchUpdate("INSERT INTO analytics_daily (workspace_id, bot_id, stat_day, conversations, visitor_messages, answers, unanswered, leads,"
				+ " feedback_up, feedback_down, first_token_ms, first_token_count, input_tokens, output_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", daily);
		batches(jdbc, "INSERT INTO analytics_dimension (workspace_id, bot_id, stat_day, kind, dim_key, conversations) VALUES (?,?,?,?,?,?)", dims);
		batches(jdbc, "INSERT INTO analytics_question (workspace_id, bot_id, stat_day, question_key, question, asked, unanswered, last_asked_at)"
				+ " VALUES (?,?,?,?,?,?,?,?)", questions);
	}

	/** Splits a day's conversations over {@code keys} values with falling weights, summing exactly. */
	private static void spread(List<Object[]> rows, UUID workspace, UUID bot, LocalDate day, String kind, int keys, int conversations) {
		var weights = 0.0;
		for (int k = 0; k < keys; k++) {
			weights += 1.0 / (k + 1);
		}
		var left = conversations;
		for (int k = keys - 1; k >= 0; k--) {
			var n = k == 0 ? left : (int) (conversations * (1.0 / (k + 1)) / weights);
			left -= n;
			if (n > 0) {
				rows.add(new Object[] { workspace, bot, day, kind, kind + "-" + k, n });
			}
		}
	}

	private static void batches(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
		for (int i = 0; i < rows.size(); i += 5000) {
			jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + 5000)));
		}
	}

}
