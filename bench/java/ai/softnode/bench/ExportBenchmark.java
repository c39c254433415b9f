package ai.softnode.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import ai.softnode.SoftnodeApplication;
import ai.softnode.support.WebSession;

/**
 * The data export at scale: one workspace with {@code bench.conversations} conversations (default
 * 100,000, two messages each, written directly), exported over HTTP by the platform running in this
 * JVM (started with -Xmx256m by {@code bench/export.sh}). The ZIP is read as it arrives and its
 * conversation lines are counted. Prints the time, the ZIP's size and the heap's peak during the
 * export: in use (sampled every 5 ms), and live after a full collection forced twice a second (what
 * the export really holds; this slows the export down a little).
 */
public final class ExportBenchmark {

	public static void main(String[] args) throws Exception {
		var conversations = Integer.getInteger("bench.conversations", 100_000);
		var dir = Files.createTempDirectory("softnode-export-bench-");
		var settings = new String[] { "--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;CACHE_SIZE=16384",
				"--spring.datasource.username=sa", "--spring.datasource.password=", "--softnode.data-dir=" + dir,
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
			var jdbc = context.getBean(JdbcTemplate.class);
			var workspace = jdbc.queryForObject("SELECT workspace_id FROM workspaces_member m JOIN accounts_user u ON u.id = m.user_id WHERE u.email = ?",
					UUID.class, email);
			var started = System.nanoTime();
			seed(jdbc, workspace, conversations);
			System.out.printf("seeded %,d conversations (%,d messages) in %.1f s%n", conversations, conversations * 2L,
					(System.nanoTime() - started) / 1e9);

			System.gc();
			var memory = ManagementFactory.getMemoryMXBean();
			var before = memory.getHeapMemoryUsage().getUsed();
			// sampled: the heap in use at any moment, and what stayed live after each collection
			var peakUsed = new java.util.concurrent.atomic.AtomicLong();
			var peakLive = new java.util.concurrent.atomic.AtomicLong();
			var sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
			var sampler = new Thread(() -> {
				long lastGc = 0;
				while (sampling.get()) {
					peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
					// twice a second a full collection: what is still in use then is what the export holds
					if (System.nanoTime() - lastGc > 500_000_000L) {
						System.gc();
						peakLive.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
						lastGc = System.nanoTime();
					}
					try {
						Thread.sleep(5);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			sampler.start();
			started = System.nanoTime();
			var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/account/export"))
				.header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofInputStream());
			var counted = new CountingStream(response.body());
			long lines = 0;
			try (var zip = new ZipInputStream(counted)) {
				for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
					if (entry.getName().equals("chat/conversations.jsonl")) {
						int b;
						var buffer = new byte[65536];
						while ((b = zip.read(buffer)) > 0) {
							for (int i = 0; i < b; i++) {
								lines += buffer[i] == '\n' ? 1 : 0;
							}
						}
					}
				}
			}
			var seconds = (System.nanoTime() - started) / 1e9;
			sampling.set(false);
			sampler.join();
			System.out.printf("export: HTTP %d, %,d conversation lines, %,d bytes (%.1f MB) in %.1f s (%,.0f conversations/s)%n",
					response.statusCode(), lines, counted.count, counted.count / 1e6, seconds, lines / seconds);
			System.out.printf("heap (platform and this client together): %.0f MB used before; during the export at most %.0f MB in use,"
					+ " at most %.0f MB live (after a full collection, twice a second); limit %.0f MB%n", before / 1e6, peakUsed.get() / 1e6, peakLive.get() / 1e6,
					Runtime.getRuntime().maxMemory() / 1e6);
			if (lines != conversations) {
				throw new IllegalStateException("expected " + conversations + " conversations in the export, got " + lines);
			}
		}
	}

	private static void seed(JdbcTemplate jdbc, UUID workspace, int conversations) {
		var bot = UUID.randomUUID();
		var now = OffsetDateTime.now(ZoneOffset.UTC);
		var convs = new ArrayList<Object[]>();
		var messages = new ArrayList<Object[]>();
		for (int i = 0; i < conversations; i++) {
			var id = UUID.randomUUID();
			var at = now.minusMinutes(conversations - i);
			convs.add(new Object[] { id, workspace, bot, UUID.randomUUID(), String.format("%064x", i), "widget", at, at, 2,
					"https://shop.example/products/" + (i % 500) });
			messages.add(new Object[] { UUID.randomUUID(), id, workspace, bot, "visitor", "Do you ship order " + i + " to Canada?", at, "complete" });
			messages.add(new Object[] { UUID.randomUUID(), id, workspace, bot, "assistant",
					"Yes, we ship to Canada within 5 working days; delivery costs 12 dollars and is free over 100.", at.plusSeconds(2), "complete" });
			if (convs.size() == 5000) {
				flush(jdbc, convs, messages);
			}
		}
		flush(jdbc, convs, messages);
	}

	private static void flush(JdbcTemplate jdbc, ArrayList<Object[]> convs, ArrayList<Object[]> messages) {
		jdbc.batchUpdate("INSERT INTO chat_conversation (id, workspace_id, bot_id, visitor_id, visitor_token_hash, channel, started_at,"
				+ " last_message_at, message_count, page_url) VALUES (?,?,?,?,?,?,?,?,?,?)", convs);
		jdbc.batchUpdate("INSERT INTO chat_message (id, conversation_id, workspace_id, bot_id, role, text, created_at, status)"
				+ " VALUES (?,?,?,?,?,?,?,?)", messages);
		convs.clear();
		messages.clear();
	}

	/** Counts the bytes read through it. */
	private static final class CountingStream extends java.io.FilterInputStream {

		long count;

		CountingStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws java.io.IOException {
			var b = super.read();
			this.count += b < 0 ? 0 : 1;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws java.io.IOException {
			var n = super.read(b, off, len);
			this.count += Math.max(0, n);
			return n;
		}

	}

}
