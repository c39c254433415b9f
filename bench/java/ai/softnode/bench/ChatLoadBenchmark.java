package ai.softnode.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import ai.softnode.support.VisitorClient;
import ai.softnode.support.WebSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load benchmark of the chat hot path over real HTTP (see bench/README.md). Starts a stand-in model,
 * launches the packaged platform as a separate JVM with a 1 GB heap pointed at it, and prints:
 * turns/s and platform overhead per turn with a zero-latency model, token pass-through time with a
 * 50 tokens/s model, and the most concurrent answer streams the platform held.
 */
public final class ChatLoadBenchmark {

	private static final Pattern STAMP = Pattern.compile("⟨(\\d+)⟩");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static void main(String[] args) throws Exception {
		var jar = Path.of(args.length > 0 ? args[0] : "target/softnode-0.1.0-SNAPSHOT.jar");
		var streams = Integer.parseInt(System.getProperty("bench.streams", "5000"));
		var rate = Integer.parseInt(System.getProperty("bench.rate", "200"));
		try (var model = new BenchModel()) {
			var port = 18000 + (int) (ProcessHandle.current().pid() % 1000);
			var platform = launch(jar, model.baseUrl(), port);
			Runtime.getRuntime().addShutdownHook(new Thread(platform::destroy));
			try {
				var base = "http://localhost:" + port;
				awaitHealthy(base);
				var publicId = createBot(base);
				System.out.println("Softnode chat benchmark — platform heap -Xmx1g, " + Runtime.getRuntime().availableProcessors() + " cores");
				model.pace(40, 0);
				warmUp(base, publicId);
				closedLoop(base, publicId, 16, Duration.ofSeconds(15));
				openLoop(base, publicId, rate, Duration.ofSeconds(15));
				model.pace(50, 50);
				passThrough(base, publicId, 20);
				model.pace(3000, 50);
				concurrentStreams(base, publicId, model, streams);
				// open streams still hold platform threads; ending the JVM ends them (the shutdown hook stops the platform)
				System.exit(0);
			}
			finally {
				platform.destroy();
				platform.waitFor(20, TimeUnit.SECONDS);
				platform.destroyForcibly();
			}
		}
	}

	private static Process launch(Path jar, String modelUrl, int port) throws IOException {
		var data = Files.createTempDirectory("softnode-bench-");
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var command = new ArrayList<String>(List.of(java, "-Xmx1g", "-Xss512k", "-XX:+UseZGC"));
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
		env.put("ANTHROPIC_BASE_URL", modelUrl);
		env.put("SOFTNODE_CHAT_PER_VISITOR_PER_MINUTE", "100000");
		env.put("SOFTNODE_CHAT_PER_IP_PER_MINUTE", "10000000");
		env.put("SOFTNODE_CHAT_PER_BOT_PER_MINUTE", "10000000");
		env.put("SOFTNODE_CHAT_PER_WORKSPACE_PER_MINUTE", "10000000");
		env.put("SOFTNODE_CHAT_CONVERSATIONS_PER_IP_PER_HOUR", "10000000");
		env.put("SOFTNODE_LLM_TOTAL_TIMEOUT", "PT5M");
		env.put("SERVER_TOMCAT_MAX_CONNECTIONS", "20000");
		env.put("SERVER_TOMCAT_ACCEPT_COUNT", "2000");
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

	private static void warmUp(String base, String publicId) throws InterruptedException {
		runWorkers(8, Duration.ofSeconds(8), base, publicId, new ConcurrentLinkedQueue<>(), new AtomicInteger());
	}

	/** As many turns as 16 concurrent visitors can drive. */
	private static void closedLoop(String base, String publicId, int workers, Duration duration) throws InterruptedException {
		var times = new ConcurrentLinkedQueue<Long>();
		var errors = new AtomicInteger();
		var started = System.nanoTime();
		runWorkers(workers, duration, base, publicId, times, errors);
		var seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("zero-latency model, %d concurrent visitors: %.0f turns/s; turn time p50 %.1f ms, p99 %.1f ms; errors %d%n",
				workers, times.size() / seconds, percentile(times, 50), percentile(times, 99), errors.get());
	}

	/** A fixed arrival rate: the platform's overhead per turn when it is not saturated. */
	private static void openLoop(String base, String publicId, int perSecond, Duration duration) throws InterruptedException {
		var times = new ConcurrentLinkedQueue<Long>();
		var errors = new AtomicInteger();
		var total = (int) (perSecond * duration.toSeconds());
		var done = new CountDownLatch(total);
		var intervalNanos = 1_000_000_000L / perSecond;
		var visitors = new ArrayList<VisitorClient>();
		for (int i = 0; i < 50; i++) {
			var visitor = VisitorClient.of(base, publicId).fromIp("127.0.0.1");
			visitor.start("https://bench.example/", null);
			visitors.add(visitor);
		}
		var start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			var due = start + i * intervalNanos;
			var wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			var visitor = visitors.get(i % visitors.size());
			var n = i;
			new Thread(null, () -> {
				try {
					var t0 = System.nanoTime();
					var turn = visitor.ask("Question number " + n, null, e -> {
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
				finally {
					done.countDown();
				}
			}, "open-" + i, 256 * 1024).start();
		}
		done.await(2, TimeUnit.MINUTES);
		var seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("zero-latency model at %d turns/s offered: %.0f turns/s done; platform overhead per turn p50 %.1f ms, p99 %.1f ms; errors %d%n",
				perSecond, times.size() / seconds, percentile(times, 50), percentile(times, 99), errors.get());
	}

	/** With a 50 tokens/s model: how long a token takes from the model to the visitor. */
	private static void passThrough(String base, String publicId, int concurrent) throws InterruptedException {
		var delays = new ConcurrentLinkedQueue<Long>();
		var threads = new ArrayList<Thread>();
		for (int i = 0; i < concurrent; i++) {
			var thread = new Thread(() -> {
				var visitor = VisitorClient.of(base, publicId).fromIp("127.0.0.1");
				visitor.start(null, null);
				visitor.ask("Tell me about your products", null, event -> {
					if ("delta".equals(event.name())) {
						var matcher = STAMP.matcher(event.data().path("text").asString());
						while (matcher.find()) {
							delays.add(event.receivedNanos() - Long.parseLong(matcher.group(1)));
						}
					}
				});
			});
			thread.start();
			threads.add(thread);
		}
		for (var thread : threads) {
			thread.join();
		}
		System.out.printf("50 tokens/s model, %d concurrent answers: token pass-through p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d tokens)%n",
				concurrent, percentile(delays, 50), percentile(delays, 99), percentile(delays, 100), delays.size());
	}

	/** Opens {@code target} answer streams against a slow model and counts how many are open at once. */
	private static void concurrentStreams(String base, String publicId, BenchModel model, int target) throws Exception {
		var streaming = new AtomicInteger();
		var maxStreaming = new AtomicInteger();
		var failures = new AtomicInteger();
		var firstError = new AtomicLong();
		var visitors = new ArrayList<VisitorClient>();
		for (int i = 0; i < target; i++) {
			var visitor = VisitorClient.of(base, publicId).fromIp("127.0.0.1");
			if (visitor.start(null, null).status() != 201) {
				failures.incrementAndGet();
				continue;
			}
			visitors.add(visitor);
		}
		for (int i = 0; i < visitors.size(); i++) {
			var visitor = visitors.get(i);
			new Thread(null, () -> {
				var counted = new boolean[1];
				try {
					var turn = visitor.ask("Keep talking", null, event -> {
						if (!counted[0] && "delta".equals(event.name())) {
							counted[0] = true;
							maxStreaming.accumulateAndGet(streaming.incrementAndGet(), Math::max);
						}
					});
					if (turn.status() != 200) {
						failures.incrementAndGet();
						firstError.compareAndSet(0, turn.status());
					}
				}
				catch (RuntimeException ex) {
					failures.incrementAndGet();
				}
				finally {
					if (counted[0]) {
						streaming.decrementAndGet();
					}
				}
			}, "stream-" + i, 256 * 1024).start();
			if (i % 250 == 249) {
				Thread.sleep(200);
			}
		}
		var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline && maxStreaming.get() < visitors.size()) {
			Thread.sleep(250);
		}
		Thread.sleep(3000);
		var heap = heapUsedMb(base);
		System.out.printf("50 tokens/s model: %d concurrent answer streams open at once (of %d started; %d failed%s); model saw %d open; platform heap in use %.0f MB of 1024 MB%n",
				maxStreaming.get(), target, failures.get(), firstError.get() == 0 ? "" : ", first error HTTP " + firstError.get(),
				model.openStreams(), heap);
	}

	private static double heapUsedMb(String base) {
		try {
			var text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			double sum = 0;
			for (var line : text.split("\n")) {
				if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
					sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			return sum / (1024 * 1024);
		}
		catch (IOException | InterruptedException ex) {
			return -1;
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
					var turn = visitor.ask("How much is shipping?", null, e -> {
					});
					if (turn.status() == 200 && !turn.events().isEmpty() && "done".equals(turn.last().name())) {
						times.add(System.nanoTime() - t0);
					}
					else {
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

	private static double percentile(ConcurrentLinkedQueue<Long> values, int percentile) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		var sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		var index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
	}


}
