package ai.softnode.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import ai.softnode.support.VisitorClient;
import ai.softnode.support.WebSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load benchmark of the chat hot path over real HTTP (see bench/README.md). Starts a stand-in model,
 * launches the packaged platform as a separate JVM with a 1 GB heap pointed at it, and prints:
 * turns/s and platform overhead per turn with a zero-latency model, token pass-through time with a
 * 50 tokens/s model, and the most concurrent answer streams the platform held, with its heap.
 */
public final class ChatLoadBenchmark {

	private static final Pattern STAMP = Pattern.compile("⟨(\\d+)⟩");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ExecutorService VIRTUAL = virtualThreads();

	private static final Map<String, String> SUMMARY = new LinkedHashMap<>();

	/** Phase 3's model: tokens a second, and tokens an answer (5 s, a typical answer's length). */
	private static final int PASS_THROUGH_RATE = 50;

	private static final int PASS_THROUGH_TOKENS = 250;

	private static ProcessHandle platformHandle;

	/** The load generator's client for visitors' questions, and the origin they ask from. */
	private static LeanHttp lean;

	private static String origin;

	public static void main(String[] args) throws Exception {
		var jar = Path.of(args.length > 0 ? args[0] : "target/softnode-0.1.0-SNAPSHOT.jar");
		var streams = Integer.parseInt(System.getProperty("bench.streams", "5000"));
		var rate = Integer.parseInt(System.getProperty("bench.rate", "200"));
		var seconds = Integer.parseInt(System.getProperty("bench.seconds", "20"));
		var model = new BenchModel(Boolean.parseBoolean(System.getProperty("bench.modelTls", "false")));
		var port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
		var platform = launch(jar, model, port);
		platformHandle = platform.toHandle();
		Runtime.getRuntime().addShutdownHook(new Thread(platform::destroyForcibly));
		try {
			var base = "http://localhost:" + port;
			lean = new LeanHttp("localhost", port);
			origin = base;
			awaitHealthy(base);
			var publicId = createBot(base);
			var gc = platformGc().isEmpty() ? "the JVM's default collector" : platformGc() + "GC";
			System.out.printf("Softnode chat benchmark: platform pid %d, -Xmx1g, %s, %d cores; load average before: %s%n", platform.pid(), gc,
					Runtime.getRuntime().availableProcessors(), loadAverage());
			var phases = System.getProperty("bench.phases", "1234");
			model.pace(40, 0).stamped(true);
			warmUp(base, publicId);
			if (phases.contains("1")) {
				closedLoop(base, publicId, 16, Duration.ofSeconds(seconds));
			}
			if (phases.contains("2")) {
				openLoop(base, publicId, rate, Duration.ofSeconds(seconds));
			}
			if (phases.contains("3")) {
				model.pace(PASS_THROUGH_TOKENS, PASS_THROUGH_RATE).stamped(true).tick(0);
				passThrough(base, publicId, 20, PASS_THROUGH_TOKENS, Duration.ofSeconds(seconds));
			}
			if (phases.contains("4")) {
				model.pace(3000, 50).stamped(false).tick(100);
				concurrentStreams(base, publicId, model, platform, streams);
			}
			System.out.println();
			System.out.println("Summary (load average after: " + loadAverage() + ")");
			SUMMARY.forEach((k, v) -> System.out.printf("  %-44s %s%n", k, v));
		}
		finally {
			// a normal stop first, so a flight recording is written; then for sure
			platform.destroy();
			platform.waitFor(30, TimeUnit.SECONDS);
			platform.destroyForcibly();
			platform.waitFor(10, TimeUnit.SECONDS);
			model.close();
		}
		// open client streams would keep the JVM alive
		System.exit(0);
	}

	/** Virtual threads, looked up at run time: the benchmark compiles for Java 17 with the tests. */
	static ExecutorService virtualThreads() {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			return Executors.newCachedThreadPool();
		}
	}

	/** The platform's collector as in {@code -XX:+Use<name>GC} ({@code BENCH_PLATFORM_GC}); empty for the JVM's default. */
	private static String platformGc() {
		return System.getProperty("bench.platformGc", "Z").trim();
	}

	private static Process launch(Path jar, BenchModel model, int port) throws IOException {
		var data = Files.createTempDirectory("softnode-bench-");
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var command = new ArrayList<String>(List.of(java, "-Xmx1g", "-Xss512k"));
		// ZGC by default: with G1 (what `java -jar` picks on this machine) phase 2's p99 was about twice as high
		var gc = platformGc();
		if (!gc.isEmpty()) {
			command.add("-XX:+Use" + gc + "GC");
		}
		command.addAll(model.trustStoreOptions());
		var extra = System.getProperty("bench.platformJvmArgs", "").trim();
		if (!extra.isEmpty()) {
			command.addAll(List.of(extra.split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString()));
		var builder = new ProcessBuilder(command);
		var env = builder.environment();
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("SOFTNODE_DATA_DIR", data.toString());
		env.put("ANTHROPIC_API_KEY", "bench-key");
		env.put("ANTHROPIC_BASE_URL", model.baseUrl());
		// the limits per visitor, IP, bot and workspace would otherwise be what is measured
		env.put("SOFTNODE_CHAT_PER_VISITOR_PER_MINUTE", "100000");
		env.put("SOFTNODE_CHAT_PER_IP_PER_MINUTE", "10000000");
		env.put("SOFTNODE_CHAT_PER_BOT_PER_MINUTE", "10000000");
		env.put("SOFTNODE_CHAT_PER_WORKSPACE_PER_MINUTE", "10000000");
		env.put("SOFTNODE_CHAT_CONVERSATIONS_PER_IP_PER_HOUR", "10000000");
		env.put("SOFTNODE_LLM_TOTAL_TIMEOUT", "PT10M");
		env.put("SOFTNODE_LLM_FIRST_TOKEN_TIMEOUT", "PT2M");
		env.put("LOGGING_LEVEL_ROOT", "WARN");
		builder.redirectErrorStream(true).redirectOutput(data.resolve("platform.log").toFile());
		System.out.println("platform log: " + data.resolve("platform.log"));
		return builder.start();
	}

	private static void awaitHealthy(String base) throws Exception {
		var http = HttpClient.newHttpClient();
		for (int i = 0; i < 240; i++) {
			try {
				var response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("platform did not start");
	}

	private static String createBot(String base) {
		var owner = WebSession.to(base);
		var email = "bench-" + System.nanoTime() + "@example.com";
		var signUp = owner.post("/signup", "name", "Bench", "email", email, "password", "quiet harbour lantern 7", "company", "Bench Ltd");
		if (signUp.statusCode() != 302) {
			throw new IllegalStateException("sign-up failed: " + signUp.statusCode());
		}
		var page = owner.post("/app/settings/api-keys", "name", "bench");
		var matcher = Pattern.compile("id=\"new-api-key\"[^>]*>([^<]+)<").matcher(page.body());
		if (!matcher.find()) {
			throw new IllegalStateException("could not create an API key: " + page.statusCode());
		}
		var key = matcher.group(1).trim();
		try {
			var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/bots"))
				.header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench bot\",\"model\":\"claude-haiku-4-5\",\"dailyTokenBudget\":0,"
						+ "\"maxAnswerTokens\":4096}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body()).path("publicId").asString();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Turns until the platform's JIT compiler has done most of its work ({@code bench.warmup} seconds,
	 * default 120, closed loop, then half as long open loop): a server runs for days, and on two cores
	 * the compiler threads otherwise take a large share of the first minutes' CPU.
	 */
	private static void warmUp(String base, String publicId) throws InterruptedException {
		var seconds = Integer.parseInt(System.getProperty("bench.warmup", "120"));
		var cpu = cpuMillis();
		var times = new ConcurrentLinkedQueue<Long>();
		runWorkers(8, Duration.ofSeconds(seconds / 2), base, publicId, times, new AtomicInteger());
		// then the open loop's own paths (many visitors, the lean client) at half its rate
		var rate = Integer.parseInt(System.getProperty("bench.rate", "200")) / 2;
		openLoop(base, publicId, rate, Duration.ofSeconds(seconds - seconds / 2), false);
		System.out.printf("warm-up: %d s, %d closed-loop turns then %d s at %d turns/s; %s%n", seconds, times.size(), seconds - seconds / 2, rate,
				cpuPerTurn(cpu, times.size() + rate * (seconds - seconds / 2)));
	}

	/** As many turns as 16 concurrent visitors can drive, each asking again as soon as an answer is done. */
	private static void closedLoop(String base, String publicId, int workers, Duration duration) throws InterruptedException {
		var times = new ConcurrentLinkedQueue<Long>();
		var errors = new AtomicInteger();
		var started = System.nanoTime();
		var cpu = cpuMillis();
		runWorkers(workers, duration, base, publicId, times, errors);
		var seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("1. closed loop, zero-latency model, %d concurrent visitors: %.0f turns/s; turn time p50 %.1f ms, p99 %.1f ms; errors %d; %s%n",
				workers, times.size() / seconds, percentile(times, 50), percentile(times, 99), errors.get(), cpuPerTurn(cpu, times.size()));
		SUMMARY.put("max throughput (closed loop, 16 visitors)", String.format("%.0f turns/s", times.size() / seconds));
	}

	/**
	 * Turns arriving at a fixed rate from many visitors (each visitor asks about every four seconds, so
	 * the per-visitor limit of 2 concurrent answers never applies). Overhead of a turn = the time the
	 * visitor waited for the whole answer minus the time the model spent producing it (from its first
	 * to its last token, as stamped by the model).
	 */
	private static void openLoop(String base, String publicId, int perSecond, Duration duration) throws InterruptedException {
		openLoop(base, publicId, perSecond, duration, true);
	}

	private static void openLoop(String base, String publicId, int perSecond, Duration duration, boolean report) throws InterruptedException {
		// per turn: started, ended, overhead (nanoseconds)
		var spans = new ConcurrentLinkedQueue<long[]>();
		var errors = new AtomicInteger();
		var firstError = new AtomicReference<String>();
		var total = (int) (perSecond * duration.toSeconds());
		var visitors = startVisitors(base, publicId, Math.max(50, perSecond * 4));
		var settled = settle();
		var done = new CountDownLatch(total);
		var intervalNanos = 1_000_000_000L / perSecond;
		var watches = report ? watchBursts() : List.<ThreadBursts>of();
		var start = System.nanoTime();
		var cpu = cpuMillis();
		for (int i = 0; i < total; i++) {
			var due = start + i * intervalNanos;
			var wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			var visitor = visitors.get(i % visitors.size());
			var n = i;
			VIRTUAL.execute(() -> {
				try {
					var stamps = new long[] { Long.MAX_VALUE, Long.MIN_VALUE };
					var t0 = System.nanoTime();
					var turn = leanAsk(publicId, visitor, "Question number " + n, (stamp, received) -> {
						stamps[0] = Math.min(stamps[0], stamp);
						stamps[1] = Math.max(stamps[1], stamp);
					});
					var elapsed = System.nanoTime() - t0;
					if (turn.status() == 200 && "done".equals(turn.last()) && stamps[1] >= stamps[0]) {
						spans.add(new long[] { t0, t0 + elapsed, elapsed - (stamps[1] - stamps[0]) });
					}
					else {
						errors.incrementAndGet();
						firstError.compareAndSet(null, "HTTP " + turn.status() + " last event " + turn.last() + " " + turn.error());
					}
				}
				catch (RuntimeException ex) {
					errors.incrementAndGet();
					firstError.compareAndSet(null, String.valueOf(ex));
				}
				finally {
					done.countDown();
				}
			});
		}
		var late = !done.await(2, TimeUnit.MINUTES);
		var end = System.nanoTime();
		watches.forEach(ThreadBursts::close);
		if (!report) {
			return;
		}
		var seconds = (end - start) / 1e9;
		var overheads = values(spans);
		System.out.printf("2. open loop, zero-latency model, %d turns/s offered by %d visitors (started, then %.1f s for the platform to settle): %.0f turns/s completed; "
				+ "platform overhead per turn p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d%s%s; %s%n",
				perSecond, visitors.size(), settled, overheads.size() / seconds, percentile(overheads, 50), percentile(overheads, 90),
				percentile(overheads, 99), percentile(overheads, 100), errors.get(), firstError.get() == null ? "" : " (first: " + firstError.get() + ")",
				late ? "; some turns still running after 2 minutes" : "", cpuPerTurn(cpu, overheads.size()));
		printOutside(watches, "turns", spans, start, end, "%.1f ms", 25_000_000L);
		if (Boolean.getBoolean("bench.timeline")) {
			printTimeline(spans, start, Instant.now().minusNanos(System.nanoTime() - start));
		}
		SUMMARY.put("turns/s completed at " + perSecond + "/s offered", String.format("%.0f (errors %d)", overheads.size() / seconds, errors.get()));
		SUMMARY.put("overhead per turn p50 / p99 (target p99 <= 25 ms)",
				String.format("%.1f ms / %.1f ms", percentile(overheads, 50), percentile(overheads, 99)));
	}

	/** Starts watching the threads whose bursts phases 2 and 3 report: the kernel's memory monitor and the platform's H2 page writer. */
	private static List<ThreadBursts> watchBursts() {
		return List.of(ThreadBursts.kdamond(), ThreadBursts.h2Writer(platformHandle.pid()));
	}

	/**
	 * Where each watched set of threads ran during the phase (see {@link ThreadBursts}): the figures of
	 * the tokens or turns ({@code from, to, value} in nanoseconds) that no burst of it overlapped, and
	 * how many of those over {@code slowNanos} overlapped one against how many would by their length
	 * alone (the figures without them favour short spans, which meet fewer bursts); then, with more than
	 * one watch, the figures of those that none overlapped.
	 */
	private static void printOutside(List<ThreadBursts> watches, String what, Collection<long[]> spans, long from, long to, String format,
			long slowNanos) {
		var active = watches.stream().filter(ThreadBursts::active).toList();
		var slow = spans.stream().filter(span -> span[2] > slowNanos).toList();
		for (var watch : active) {
			var outside = values(spans.stream().filter(span -> !watch.overlaps(span[0], span[1])).toList());
			var slowOverlapping = slow.stream().filter(span -> watch.overlaps(span[0], span[1])).count();
			System.out.printf("   %s; the %d of %d %s that did not overlap it: p50 " + format + ", p99 " + format + ", max " + format
					+ "; of the %d over %d ms, %d overlapped it (by their length alone about %.0f would)%n", watch.describe(from, to), outside.size(),
					spans.size(), what, percentile(outside, 50), percentile(outside, 99), percentile(outside, 100), slow.size(), slowNanos / 1_000_000,
					slowOverlapping, watch.expectedOverlaps(slow, from, to));
		}
		if (active.size() > 1) {
			var clear = values(spans.stream().filter(span -> active.stream().noneMatch(watch -> watch.overlaps(span[0], span[1]))).toList());
			System.out.printf("   the %d %s that overlapped none of these: p50 " + format + ", p99 " + format + ", max " + format + "%n", clear.size(), what,
					percentile(clear, 50), percentile(clear, 99), percentile(clear, 100));
		}
	}

	/** The values of {@code spans} ({@code from, to, value}). */
	private static List<Long> values(Collection<long[]> spans) {
		return spans.stream().map(span -> span[2]).toList();
	}

	/** Turns grouped by the second they started in: whether the slow ones come together or spread out. */
	private static void printTimeline(Collection<long[]> spans, long start, Instant started) {
		var bySecond = new TreeMap<Long, List<Long>>();
		for (var span : spans) {
			bySecond.computeIfAbsent((span[0] - start) / 1_000_000_000L, s -> new ArrayList<>()).add(span[2]);
		}
		bySecond.forEach((second, values) -> System.out.printf("   second %3d (%s): %3d turns, p50 %6.1f ms, p99 %6.1f ms, over 25 ms %3d%n",
				second, LocalTime.ofInstant(started.plusSeconds(second), ZoneOffset.UTC).withNano(0), values.size(), percentile(values, 50),
				percentile(values, 99), values.stream().filter(v -> v > 25_000_000L).count()));
	}

	/**
	 * With a {@value #PASS_THROUGH_RATE} tokens/s model: how long a token takes from the model to the visitor. {@code concurrent}
	 * visitors each ask again as soon as their answer ({@code tokens} long) has ended, for
	 * {@code length}; their first questions are spread over one answer's time, so answers start and
	 * end at different moments, as on a site, rather than all together, and their tokens arrive spread
	 * over the 20 ms between two tokens of one answer.
	 */
	private static void passThrough(String base, String publicId, int concurrent, int tokens, Duration length) throws InterruptedException {
		// per token: emitted, received, the difference (nanoseconds)
		var spans = new ConcurrentLinkedQueue<long[]>();
		// tokens after an answer's first five: what leaves out the moments when answers start
		var later = new ConcurrentLinkedQueue<Long>();
		var answers = new AtomicInteger();
		var failures = new AtomicInteger();
		var visitors = startVisitors(base, publicId, concurrent);
		// what the phase before left behind (phase 2's thousands of answers) is not this phase's load
		settle();
		var tokenNanos = 1_000_000_000L / PASS_THROUGH_RATE;
		var watches = watchBursts();
		var start = System.nanoTime();
		var deadline = start + length.toNanos();
		var done = new CountDownLatch(concurrent);
		for (int i = 0; i < concurrent; i++) {
			var visitor = visitors.get(i);
			// starts spread over one answer's time, and tokens over the time between two of an answer's
			var offset = Duration.ofNanos((tokens + 1) * tokenNanos * i / concurrent);
			VIRTUAL.execute(() -> {
				try {
					Thread.sleep(offset.toMillis());
					while (System.nanoTime() < deadline) {
						var index = new int[1];
						var turn = leanAsk(publicId, visitor, "Tell me about your products", (stamp, received) -> {
							spans.add(new long[] { stamp, received, received - stamp });
							if (index[0]++ >= 5) {
								later.add(received - stamp);
							}
						});
						(turn.status() == 200 && "done".equals(turn.last()) ? answers : failures).incrementAndGet();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await(length.toSeconds() + 120, TimeUnit.SECONDS);
		var end = System.nanoTime();
		watches.forEach(ThreadBursts::close);
		var delays = values(spans);
		var over = delays.stream().filter(d -> d > 5_000_000L).count();
		System.out.printf("3. %d tokens/s model, %d visitors asking in turn for %d s (answers of %d tokens, %d answered, %d failed): token pass-through "
				+ "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, over 5 ms %d of %d tokens (%.2f %%); "
				+ "after each answer's first 5 tokens p50 %.2f ms, p99 %.2f ms%n", PASS_THROUGH_RATE, concurrent, length.toSeconds(), tokens, answers.get(), failures.get(),
				percentile(delays, 50), percentile(delays, 90), percentile(delays, 99), percentile(delays, 99.9), percentile(delays, 100), over,
				delays.size(), 100.0 * over / Math.max(1, delays.size()), percentile(later, 50), percentile(later, 99));
		printOutside(watches, "tokens", spans, start, end, "%.2f ms", 5_000_000L);
		SUMMARY.put("token pass-through p50 / p99 (target <= 5 ms)",
				String.format("%.2f ms / %.2f ms", percentile(delays, 50), percentile(delays, 99)));
	}

	/**
	 * Opens {@code target} answer streams against a slow model (3,000 tokens at 50 tokens/s each) and
	 * counts how many are open at once; then reads the platform's heap, threads and busy connections.
	 */
	private static void concurrentStreams(String base, String publicId, BenchModel model, Process platform, int target) throws Exception {
		var visitors = startVisitors(base, publicId, target);
		var open = new AtomicInteger();
		var maxOpen = new AtomicInteger();
		var finished = new AtomicInteger();
		var failures = new AtomicInteger();
		var firstError = new AtomicReference<String>();
		var deltas = new LongAdder();
		var started = System.nanoTime();
		for (int i = 0; i < visitors.size(); i++) {
			var visitor = visitors.get(i);
			VIRTUAL.execute(() -> stream(publicId, visitor, open, maxOpen, deltas, failures, firstError, finished));
			if (i % 250 == 249) {
				Thread.sleep(100);
			}
		}
		System.out.printf("4. %d answer streams requested in %.1f s (3,000 tokens each at 50 tokens/s, written 5 at a time every 100 ms)%n", visitors.size(),
				(System.nanoTime() - started) / 1e9);
		var lastDeltas = deltas.sum();
		var lastEmitted = model.emitted();
		var last = System.nanoTime();
		var deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
		var plateauRate = 0.0;
		while (System.nanoTime() < deadline && open.get() + finished.get() + failures.get() < visitors.size()) {
			Thread.sleep(5000);
			var now = System.nanoTime();
			var seconds = (now - last) / 1e9;
			var rate = (deltas.sum() - lastDeltas) / seconds;
			System.out.printf("   open at the visitors %d (max %d), open at the model %d, failed %d; tokens/s emitted by the model %.0f, "
					+ "received by visitors %.0f%n", open.get(), maxOpen.get(), model.openStreams(), failures.get(),
					(model.emitted() - lastEmitted) / seconds, rate);
			plateauRate = rate;
			lastDeltas = deltas.sum();
			lastEmitted = model.emitted();
			last = now;
		}
		var waiting = visitors.size() - open.get() - finished.get() - failures.get();
		if (waiting > 0) {
			// asked, neither streaming nor refused: where they wait, on either side
			var dumps = Files.createTempDirectory("softnode-bench-threads-");
			jcmd(platform.pid(), "Thread.dump_to_file -format=text " + dumps.resolve("platform.txt"));
			jcmd(ProcessHandle.current().pid(), "Thread.dump_to_file -format=text " + dumps.resolve("benchmark.txt"));
			System.out.printf("   %d visitors still waiting for their first token, not refused: thread dumps of both JVMs in %s%n", waiting, dumps);
		}
		Thread.sleep(3000);
		var metrics = metrics(base);
		var heapUsed = metrics.getOrDefault("heap", -1.0);
		// The live set is the class histogram's total: jcmd collects the whole heap first and then counts
		// only reachable objects. (Heap in use read after a GC.run also counted what 5,000 streams
		// allocated between the collection and the reading: 906 MB where the histogram counted 629.)
		var kept = System.getProperty("bench.histogram");
		var histogram = kept != null ? Path.of(kept) : Files.createTempFile("softnode-bench-histogram-", ".txt");
		jcmd(platform.pid(), "GC.class_histogram", histogram);
		var live = histogramTotal(histogram);
		if (kept == null) {
			Files.deleteIfExists(histogram);
		}
		if (live < 0) {
			jcmd(platform.pid(), "GC.run");
			live = metrics(base).getOrDefault("heap", -1.0);
		}
		System.out.printf("   most streams open at once: %d of %d requested (failed %d%s); model saw %d open%n", maxOpen.get(), visitors.size(),
				failures.get(), firstError.get() == null ? "" : ", first: " + firstError.get(), model.openStreams());
		System.out.printf("   platform heap: %.0f MB in use, %.0f MB live (reachable after a full GC), of 1024 MB; platform threads %.0f; "
				+ "database connections busy %.0f of %.0f%n", heapUsed, live, metrics.getOrDefault("threads", -1.0),
				metrics.getOrDefault("dbActive", -1.0), metrics.getOrDefault("dbMax", -1.0));
		SUMMARY.put("concurrent open streams (target >= 5,000)", String.format("%d of %d", maxOpen.get(), visitors.size()));
		SUMMARY.put("heap with them open (1 GB max)", String.format("%.0f MB in use, %.0f MB live", heapUsed, live));
		SUMMARY.put("tokens/s delivered to them at the end", String.format("%.0f (nominal %d)", plateauRate, open.get() * 50));
		SUMMARY.put("platform threads / busy DB connections", String.format("%.0f / %.0f", metrics.getOrDefault("threads", -1.0),
				metrics.getOrDefault("dbActive", -1.0)));
	}

	/** Where a visitor's question goes, and the headers the widget sends with it (answered as server-sent events). */
	private static String askPath(String publicId, VisitorClient visitor) {
		return "/api/v1/widget/" + publicId + "/conversations/" + visitor.conversationId() + "/messages";
	}

	private static Map<String, String> askHeaders(VisitorClient visitor) {
		return Map.of("Accept", "text/event-stream", "Content-Type", "application/json", "Origin", origin, "Authorization",
				"Bearer " + visitor.token());
	}

	private static byte[] askBody(String text) {
		return JSON.writeValueAsBytes(Map.of("text", text));
	}

	/** One visitor's answer stream, read without parsing: counts {@code delta} events. */
	private static void stream(String publicId, VisitorClient visitor, AtomicInteger open, AtomicInteger maxOpen, LongAdder deltas,
			AtomicInteger failures, AtomicReference<String> firstError, AtomicInteger finished) {
		var counted = new boolean[1];
		var start = new ByteArrayOutputStream();
		try {
			// tokens, not events: under load one delta event carries several tokens
			var marker = "word".getBytes(StandardCharsets.US_ASCII);
			var matched = new int[1];
			var status = lean.post(askPath(publicId, visitor), askHeaders(visitor), askBody("Keep talking"), (buffer, offset, length) -> {
				if (start.size() < 500) {
					start.write(buffer, offset, Math.min(length, 500));
				}
				for (int i = offset; i < offset + length; i++) {
					matched[0] = buffer[i] == marker[matched[0]] ? matched[0] + 1 : (buffer[i] == marker[0] ? 1 : 0);
					if (matched[0] == marker.length) {
						matched[0] = 0;
						deltas.increment();
						if (!counted[0]) {
							counted[0] = true;
							maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
						}
					}
				}
			});
			if (status != 200) {
				failures.incrementAndGet();
				firstError.compareAndSet(null, "HTTP " + status + " " + start.toString(StandardCharsets.UTF_8));
				return;
			}
			finished.incrementAndGet();
		}
		catch (IOException | RuntimeException ex) {
			failures.incrementAndGet();
			firstError.compareAndSet(null, String.valueOf(ex));
		}
		finally {
			if (counted[0]) {
				open.decrementAndGet();
			}
		}
	}

	/** What a lean turn saw: the HTTP status, the last event's name, and the first error line. */
	record LeanTurn(int status, String last, String error) {
	}

	/**
	 * Asks as the widget does, reading the SSE answer line by line without parsing its JSON (the
	 * test client parses every event, which costs the load generator more CPU than the platform spends
	 * relaying it). {@code onStamp} gets each token's emission stamp with the time its event was read.
	 */
	private static LeanTurn leanAsk(String publicId, VisitorClient visitor, String text, StampListener onStamp) {
		var lines = new SseLines(onStamp);
		try {
			var status = lean.post(askPath(publicId, visitor), askHeaders(visitor), askBody(text), lines);
			lines.end();
			return status == 200 ? new LeanTurn(200, lines.event, null) : new LeanTurn(status, "", lines.first);
		}
		catch (IOException | RuntimeException ex) {
			return new LeanTurn(-1, "", String.valueOf(ex));
		}
	}

	/** Splits an answer's body into lines (UTF-8) and keeps the last event's name and the first line. */
	private static final class SseLines implements LeanHttp.Body {

		private final StampListener onStamp;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

		private String event = "";

		private String first;

		SseLines(StampListener onStamp) {
			this.onStamp = onStamp;
		}

		@Override
		public void bytes(byte[] buffer, int offset, int length) {
			var from = offset;
			for (int i = offset; i < offset + length; i++) {
				if (buffer[i] == '\n') {
					this.line.write(buffer, from, i - from);
					line(this.line.toString(StandardCharsets.UTF_8));
					this.line.reset();
					from = i + 1;
				}
			}
			this.line.write(buffer, from, offset + length - from);
		}

		void end() {
			if (this.line.size() > 0) {
				line(this.line.toString(StandardCharsets.UTF_8));
			}
		}

		private void line(String line) {
			if (this.first == null) {
				this.first = line;
			}
			if (line.startsWith("event: ")) {
				this.event = line.substring(7).strip();
			}
			else if (line.startsWith("data: ") && this.event.equals("delta")) {
				var received = System.nanoTime();
				var matcher = STAMP.matcher(line);
				while (matcher.find()) {
					this.onStamp.stamp(Long.parseLong(matcher.group(1)), received);
				}
			}
		}

	}

	@FunctionalInterface
	interface StampListener {

		void stamp(long emittedNanos, long receivedNanos);

	}

	/**
	 * Waits, at most ten seconds, until the platform has finished the work that setting up a phase
	 * left behind (starting hundreds of conversations at once: their writes, collection, compilation),
	 * so a phase measures its own load rather than the setup's tail. Returns the seconds waited.
	 */
	private static double settle() throws InterruptedException {
		var start = System.nanoTime();
		var before = platformCpuMillis();
		while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
			Thread.sleep(250);
			var now = platformCpuMillis();
			// under a tenth of a core for a quarter of a second
			if (now - before < 25) {
				break;
			}
			before = now;
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** Starts {@code count} conversations, a few at a time. */
	private static List<VisitorClient> startVisitors(String base, String publicId, int count) throws InterruptedException {
		var visitors = Collections.synchronizedList(new ArrayList<VisitorClient>());
		var next = new AtomicInteger();
		var threads = new ArrayList<Thread>();
		for (int t = 0; t < 8; t++) {
			var thread = new Thread(() -> {
				while (next.getAndIncrement() < count) {
					var visitor = VisitorClient.of(base, publicId).fromIp("127.0.0.1");
					if (visitor.start("https://bench.example/", null).status() == 201) {
						visitors.add(visitor);
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (var thread : threads) {
			thread.join();
		}
		return new ArrayList<>(visitors);
	}

	private static Map<String, Double> metrics(String base) {
		var values = new java.util.HashMap<String, Double>();
		try {
			var text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			for (var line : text.split("\n")) {
				var value = line.startsWith("#") || line.indexOf(' ') < 0 ? 0 : Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
					values.merge("heap", value / (1024 * 1024), Double::sum);
				}
				else if (line.startsWith("jvm_threads_live_threads")) {
					values.put("threads", value);
				}
				else if (line.startsWith("hikaricp_connections_active")) {
					values.put("dbActive", value);
				}
				else if (line.startsWith("hikaricp_connections_max")) {
					values.put("dbMax", value);
				}
			}
		}
		catch (IOException | InterruptedException | NumberFormatException ex) {
			// reported as -1
		}
		return values;
	}

	/** The bytes of a {@code GC.class_histogram}'s objects in MB (its {@code Total} line), or -1 when it has none. */
	private static double histogramTotal(Path histogram) {
		try (var lines = Files.lines(histogram)) {
			var bytes = lines.filter(line -> line.startsWith("Total")).map(line -> line.trim().split("\\s+"))
				.filter(fields -> fields.length >= 3).mapToLong(fields -> Long.parseLong(fields[2])).findFirst();
			return bytes.isPresent() ? bytes.getAsLong() / 1024.0 / 1024.0 : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private static void jcmd(long pid, String command) {
		jcmd(pid, command, null);
	}

	private static void jcmd(long pid, String command, Path output) {
		try {
			var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
			new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true)
				.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()))
				.start().waitFor(60, TimeUnit.SECONDS);
		}
		catch (IOException | InterruptedException ex) {
			// the live heap is then reported as in use
		}
	}

	/**
	 * CPU time used so far, in ms: by the platform's JVM, by its JIT compiler threads and by its garbage
	 * collector threads (both from /proc, so Linux only, else 0), and by this JVM (load generator and
	 * stand-in model).
	 */
	/** The platform JVM's CPU time so far; -1 where the system does not tell. */
	private static long platformCpuMillis() {
		return platformHandle.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
	}

	private static long[] cpuMillis() {
		var threads = threadMillis(platformHandle.pid());
		return new long[] { platformCpuMillis(), threads[0], threads[1],
				ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L) };
	}

	/** CPU time of a JVM's compiler threads and of its garbage collector's threads (clock ticks of 10 ms). */
	private static long[] threadMillis(long pid) {
		var totals = new long[2];
		try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (var task : (Iterable<Path>) tasks::iterator) {
				try {
					var name = Files.readString(task.resolve("comm")).strip();
					var kind = name.matches("C[12] Compiler.*") ? 0 : name.matches("(Z|GC |G1 |Conc).*") ? 1 : -1;
					if (kind >= 0) {
						var stat = Files.readString(task.resolve("stat"));
						var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						totals[kind] += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return new long[2];
		}
		return totals;
	}

	private static String cpuPerTurn(long[] before, int turns) {
		var after = cpuMillis();
		var n = (double) Math.max(1, turns);
		return String.format("CPU per turn: platform %.2f ms (JIT compiling %.2f ms, garbage collection %.2f ms of it), load generator and model %.2f ms",
				(after[0] - before[0]) / n, (after[1] - before[1]) / n, (after[2] - before[2]) / n, (after[3] - before[3]) / n);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static void runWorkers(int workers, Duration duration, String base, String publicId, ConcurrentLinkedQueue<Long> times,
			AtomicInteger errors) throws InterruptedException {
		var end = System.nanoTime() + duration.toNanos();
		var threads = new ArrayList<Thread>();
		for (int w = 0; w < workers; w++) {
			var thread = new Thread(() -> {
				VisitorClient visitor = null;
				int turns = 0;
				while (System.nanoTime() < end) {
					if (visitor == null || turns++ % 20 == 0) {
						visitor = VisitorClient.of(base, publicId).fromIp("127.0.0.1");
						visitor.start(null, null);
					}
					var t0 = System.nanoTime();
					try {
						var turn = visitor.ask("How much is shipping?", null, e -> {
						});
						if (turn.status() == 200 && !turn.events().isEmpty() && "done".equals(turn.last().name())) {
							times.add(System.nanoTime() - t0);
						}
						else {
							errors.incrementAndGet();
						}
					}
					catch (RuntimeException ex) {
						errors.incrementAndGet();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (var thread : threads) {
			thread.join();
		}
	}

	private static double percentile(Collection<Long> values, double percentile) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		var sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		var index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
	}

}
