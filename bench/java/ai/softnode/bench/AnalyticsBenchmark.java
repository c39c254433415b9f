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
import ai.softnode.analytics.AnalyticsReports;
import ai.softnode.chat.ConversationStarted;
import ai.softnode.chat.MessageAnswered;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.support.WebSession;
import ai.softnode.visitors.VisitorArrived;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analytics at scale: one bot whose rollups hold 1,000,000 conversations over 365 days (the daily and
 * monthly rows the rollup listeners produce for that traffic, written directly so seeding takes seconds,
 * not hours), then the analytics API and dashboard page timed over real HTTP for 7, 30, 90 and 365 days,
 * and the report alone in-process. Also times rollup maintenance per chat turn (see {@link #maintenance}).
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
			System.out.printf("%nload average before timing: %s%n", loadAverage());
			System.out.printf("%n%-10s %-6s %9s %9s %9s   (target p95 <= 300 ms)%n", "what", "days", "p50 ms", "p95 ms", "max ms");
			for (var days : new int[] { 7, 30, 90, 365 }) {
				var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/bots/" + bot + "/analytics?from=" + today.minusDays(days - 1L) + "&to=" + today))
					.header("Authorization", "Bearer " + key).build();
				time("API", days, () -> check(http.send(request, HttpResponse.BodyHandlers.ofString())));
			}
			for (var days : new int[] { 7, 30, 90, 365 }) {
				time("page", days, () -> {
					var page = owner.get("/app/analytics?days=" + days + "&bot=" + bot);
					if (page.statusCode() != 200 || !page.body().contains("top-questions")) {
						throw new IllegalStateException("page: " + page.statusCode());
					}
				});
			}
			time("bots page", 0, () -> {
				if (owner.get("/app/bots").statusCode() != 200) {
					throw new IllegalStateException("bots page");
				}
			});
			System.out.printf("(the bots page: a small dashboard page, for what the layout, session and rendering cost under the same load)%n");
			var reports = context.getBean(AnalyticsReports.class);
			var userId = jdbc.queryForObject("SELECT id FROM accounts_user WHERE email = ?", UUID.class, email);
			var tenant = new Tenant(new WorkspaceId(workspace), userId, Role.OWNER, null);
			for (var days : new int[] { 7, 30, 90, 365 }) {
				time("report()", days, () -> reports.report(tenant, UUID.fromString(bot), reports.lastDays(days)));
			}
			System.out.printf("(report() is the rollup queries and question clustering in-process, without HTTP and rendering)%n");
			System.out.printf("load average after timing: %s%n%n", loadAverage());
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

	private static void time(String what, int days, Call call) throws Exception {
		for (int i = 0; i < 20; i++) {
			call.run();
		}
		var samples = new long[60];
		for (int i = 0; i < samples.length; i++) {
			var t = System.nanoTime();
			call.run();
			samples[i] = System.nanoTime() - t;
		}
		Arrays.sort(samples);
		var p95 = samples[(int) Math.ceil(samples.length * 0.95) - 1];
		System.out.printf("%-10s %-6d %9.1f %9.1f %9.1f   %s%n", what, days, samples[samples.length / 2] / 1e6, p95 / 1e6,
				samples[samples.length - 1] / 1e6, p95 <= 300_000_000L ? "ok" : "OVER");
	}

	static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException e) {
			return "unknown";
		}
	}

	/**
	 * Rollup maintenance per chat turn, measured two ways over N turns in transactions like the chat's:
	 * (1) the analytics listener alone ({@code Rollups.on(MessageAnswered)}, called directly in a
	 * transaction: three upserts, made just before the commit), timed as that transaction less the same
	 * transaction without the call; (2) a transaction that publishes {@code MessageAnswered}
	 * (every listener of that event, analytics and others) minus the same transaction without it. Turns
	 * mostly repeat questions already counted that day (updates), 1 in 5 asks a new one (inserts). Also
	 * the per-conversation cost ({@code ConversationStarted} and {@code VisitorArrived}: day and month rows
	 * of four dimensions).
	 */
	private static void maintenance(ConfigurableApplicationContext context, WorkspaceId workspace, UUID bot) throws Exception {
		ApplicationEventPublisher events = context;
		var transactions = context.getBean(TransactionTemplate.class);
		var jdbc = context.getBean(JdbcTemplate.class);
		var rollupsType = Class.forName("ai.softnode.analytics.Rollups");
		var rollups = context.getBean(rollupsType);
		var onAnswer = rollupsType.getDeclaredMethod("on", MessageAnswered.class);
		onAnswer.setAccessible(true);
		var onStart = rollupsType.getDeclaredMethod("on", ConversationStarted.class);
		onStart.setAccessible(true);
		var onArrival = rollupsType.getDeclaredMethod("on", VisitorArrived.class);
		onArrival.setAccessible(true);
		var turns = Integer.getInteger("bench.turns", 10_000);
		var conversations = new ArrayList<UUID>();
		for (int i = 0; i < 1000; i++) {
			var id = UUID.randomUUID();
			conversations.add(id);
			var started = new ConversationStarted(workspace, bot, id, UUID.randomUUID(), "https://shop.example/", null, "widget",
					OffsetDateTime.now(ZoneOffset.UTC));
			transactions.executeWithoutResult(tx -> invoke(onStart, rollups, started));
		}
		for (int round = 0; round < 2; round++) {
			var listener = new long[turns];
			var bare = 0L;
			var with = 0L;
			for (int i = 0; i < turns; i++) {
				var answered = turn(workspace, bot, conversations.get(i % conversations.size()), i);
				var published = turn(workspace, bot, conversations.get(i % conversations.size()), i + 7);
				// the listener sums a transaction's answers and writes them just before it commits: timed with
				// the transaction, less the same transaction without it measured right after
				var t0 = System.nanoTime();
				transactions.executeWithoutResult(tx -> {
					jdbc.queryForObject("SELECT 1", Integer.class);
					invoke(onAnswer, rollups, answered);
				});
				var t1 = System.nanoTime();
				transactions.executeWithoutResult(tx -> jdbc.queryForObject("SELECT 1", Integer.class));
				var t2 = System.nanoTime();
				listener[i] = (t1 - t0) - (t2 - t1);
				transactions.executeWithoutResult(tx -> {
					jdbc.queryForObject("SELECT 1", Integer.class);
					events.publishEvent(published);
				});
				var t3 = System.nanoTime();
				bare += t2 - t1;
				with += t3 - t2;
			}
			var starts = new long[2000];
			for (int i = 0; i < starts.length; i++) {
				var id = UUID.randomUUID();
				var now = OffsetDateTime.now(ZoneOffset.UTC);
				var started = new ConversationStarted(workspace, bot, id, UUID.randomUUID(), "https://shop.example/p" + (i % 50), null, "widget", now);
				var arrived = new VisitorArrived(workspace, bot, id, started.visitorId(), COUNTRIES[i % COUNTRIES.length],
						i % 3 == 0 ? null : "google.com", "shop.example/p" + (i % 50), i % 2 == 0 ? "mobile" : "desktop", now);
				var t = System.nanoTime();
				transactions.executeWithoutResult(tx -> {
					invoke(onStart, rollups, started);
					invoke(onArrival, rollups, arrived);
				});
				starts[i] = System.nanoTime() - t;
			}
			if (round == 1) {
				Arrays.sort(listener);
				Arrays.sort(starts);
				var mean = Arrays.stream(listener).average().orElse(0) / 1e3;
				System.out.printf("rollup maintenance per chat turn (analytics listener, %,d turns): mean %.0f us, p50 %.0f us, p99 %.0f us   (target <= 1000 us)%n",
						turns, mean, listener[turns / 2] / 1e3, listener[(int) (turns * 0.99)] / 1e3);
				System.out.printf("per chat turn, every MessageAnswered listener (transaction with the event minus without): %.0f us%n",
						(with - bare) / 1e3 / turns);
				System.out.printf("per new conversation (ConversationStarted + VisitorArrived rollups, incl. transaction): p50 %.0f us, p99 %.0f us%n",
						starts[starts.length / 2] / 1e3, starts[(int) (starts.length * 0.99)] / 1e3);
			}
		}
	}

	private static final String[] COUNTRIES = { "GB", "US", "DE", "FR", "unknown" };

	private static MessageAnswered turn(WorkspaceId workspace, UUID bot, UUID conversation, int n) {
		var question = n % 5 == 0 ? "A new question number " + n + "?" : "Question number " + (n % 300) + "?";
		// one visitor per conversation
		var visitor = UUID.nameUUIDFromBytes(conversation.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return new MessageAnswered(workspace, bot, conversation, visitor, UUID.randomUUID(), UUID.randomUUID(), question, "complete", n % 4 != 0, 1200, 180,
				420, OffsetDateTime.now(ZoneOffset.UTC));
	}

	private static void invoke(java.lang.reflect.Method method, Object target, Object event) {
		try {
			method.invoke(target, event);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	private static long rows(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM analytics_daily) + (SELECT COUNT(*) FROM analytics_dimension)"
				+ " + (SELECT COUNT(*) FROM analytics_question) + (SELECT COUNT(*) FROM analytics_dimension_month)"
				+ " + (SELECT COUNT(*) FROM analytics_question_month)", Long.class);
	}

	/** One-off questions per day (asked once, never again): the long tail real traffic has beside the frequent ones. */
	static final int TAIL = Integer.getInteger("bench.tail", 100);

	/**
	 * The rows the listeners would have written: per day the totals, 384 dimension keys and 300 frequent
	 * questions plus {@link #TAIL} one-off ones; per month the same dimension and question rows summed.
	 */
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
			var at = day.atTime(12, 0).atOffset(ZoneOffset.UTC);
			for (int q = 0; q < 300; q++) {
				questions.add(new Object[] { workspace, bot, day, "question " + q, "Question " + q + "?", Math.max(1, messages / (q + 2) / 6),
						q % 5 == 0 ? 3 : 0, at });
			}
			for (int q = 0; q < TAIL; q++) {
				questions.add(new Object[] { workspace, bot, day, "one off " + day + " " + q, "One-off question " + day + " " + q + "?", 1,
						q % 3 == 0 ? 1 : 0, at });
			}
		}
		jdbc.batchUpdate("INSERT INTO analytics_daily (workspace_id, bot_id, stat_day, conversations, visitor_messages, answers, unanswered, leads,"
				+ " feedback_up, feedback_down, first_token_ms, first_token_count, input_tokens, output_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", daily);
		batches(jdbc, "INSERT INTO analytics_dimension (workspace_id, bot_id, stat_day, kind, dim_key, conversations) VALUES (?,?,?,?,?,?)", dims);
		batches(jdbc, "INSERT INTO analytics_question (workspace_id, bot_id, stat_day, question_key, question, asked, unanswered, last_asked_at)"
				+ " VALUES (?,?,?,?,?,?,?,?)", questions);
		jdbc.update("""
				INSERT INTO analytics_dimension_month (workspace_id, bot_id, stat_month, kind, dim_key, conversations)
				SELECT workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), kind, dim_key, SUM(conversations) FROM analytics_dimension
				GROUP BY workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), kind, dim_key""");
		jdbc.update("""
				INSERT INTO analytics_question_month (workspace_id, bot_id, stat_month, question_key, question, asked, unanswered, last_asked_at)
				SELECT workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), question_key, MIN(question), SUM(asked), SUM(unanswered),
				  MAX(last_asked_at)
				FROM analytics_question GROUP BY workspace_id, bot_id, CAST(DATE_TRUNC('month', stat_day) AS DATE), question_key""");
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
