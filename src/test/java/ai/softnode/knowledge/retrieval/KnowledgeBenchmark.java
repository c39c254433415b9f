package ai.softnode.knowledge.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import ai.softnode.knowledge.Passage;
import ai.softnode.knowledge.text.Chunker;
import ai.softnode.knowledge.text.Embeddings;
import ai.softnode.knowledge.text.Vectors;

/**
 * Retrieval quality and speed on the benchmark knowledge base (see bench/README.md): recall@1,
 * recall@5 and MRR of BM25 alone, embeddings alone and the hybrid, ingestion throughput, and
 * retrieval latency on a bot with 50,000 chunks. Not a test: run it with the command in
 * bench/README.md.
 */
public final class KnowledgeBenchmark {

	private static final int LARGE = 50_000;

	private KnowledgeBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		var root = Path.of(args.length > 0 ? args[0] : "bench/knowledge");
		var dataDir = Path.of("target/bench-data");
		if (!Files.exists(root.resolve("questions.tsv"))) {
			BenchmarkCorpus.main(new String[] { root.toString() });
		}
		var pages = readPages(root.resolve("kb"));
		var questions = readQuestions(root.resolve("questions.tsv"));
		System.out.printf(Locale.ROOT, "Knowledge base: %d pages, %d questions%n", pages.size(), questions.size());

		var started = System.nanoTime();
		Embeddings.embed(dataDir, List.of("warm up"), Duration.ofMinutes(5));
		System.out.printf(Locale.ROOT, "Model load: %d ms%n", millis(System.nanoTime() - started));

		var chunker = new Chunker(900, 150);
		var entries = new ArrayList<BotIndex.Entry>();
		var texts = new ArrayList<String>();
		var chunkStart = System.nanoTime();
		for (var page : pages) {
			for (var chunk : chunker.chunk(page.text())) {
				entries.add(new BotIndex.Entry(UUID.randomUUID().toString(), page.id(), page.title(), null, chunk.heading(), chunk.text(), null));
				texts.add(page.title() + "\n" + chunk.indexedText());
			}
		}
		var vectors = Embeddings.embed(dataDir, texts, Duration.ofMinutes(5));
		var ingestNanos = System.nanoTime() - chunkStart;
		System.out.printf(Locale.ROOT, "Ingestion: %d chunks chunked and embedded in %d ms = %.1f chunks/s%n", entries.size(),
				millis(ingestNanos), entries.size() / (ingestNanos / 1e9));
		var matrix = flatten(vectors);
		var index = BotIndex.build(1, entries, matrix, Embeddings.DIMENSIONS);

		var queryVectors = Embeddings.embed(dataDir, questions.stream().map(Question::text).toList(), Duration.ofMinutes(1));
		var bm25 = new Scores();
		var dense = new Scores();
		var hybrid = new Scores();
		var misses = new ArrayList<String>();
		for (int i = 0; i < questions.size(); i++) {
			var question = questions.get(i);
			var vector = queryVectors.get(i);
			var keywordRank = rank(index.keyword(question.text(), 10).stream().map(hit -> index.entry(hit.ordinal()).text()).toList(), question);
			var denseRank = rank(index.dense(vector, 10).stream().map(hit -> index.entry(hit.ordinal()).text()).toList(), question);
			var fused = rank(HybridSearch.rank(index, question.text(), vector, 10).stream().map(Passage::text).toList(), question);
			bm25.add(keywordRank);
			dense.add(denseRank);
			hybrid.add(fused);
			if (fused == 0 || fused > 5) {
				misses.add("  rank " + label(fused) + " (BM25 " + label(keywordRank) + ", embeddings " + label(denseRank) + "): "
						+ question.text() + "  [" + question.key() + "]");
			}
		}
		System.out.println();
		System.out.println("Retrieval quality (" + questions.size() + " questions, " + entries.size() + " chunks)");
		System.out.println("  method      recall@1  recall@5  MRR@10");
		System.out.println("  BM25        " + bm25);
		System.out.println("  embeddings  " + dense);
		System.out.println("  hybrid      " + hybrid);
		System.out.println("Hybrid misses (not in the top 5):");
		misses.forEach(System.out::println);

		if (Boolean.getBoolean("bench.tune")) {
			System.out.println("Fusion settings (k, dense weight, candidates): recall@1 recall@5 MRR");
			for (var k : new int[] { 1, 5, 10, 20, 60 }) {
				for (var weight : new double[] { 1.0, 1.5, 2.0, 3.0 }) {
					for (var candidates : new int[] { 10, 20, 50 }) {
						var scores = new Scores();
						for (int i = 0; i < questions.size(); i++) {
							scores.add(rank(HybridSearch.rank(index, questions.get(i).text(), queryVectors.get(i), 10, k, weight, candidates)
								.stream().map(Passage::text).toList(), questions.get(i)));
						}
						System.out.println("  " + k + ", " + weight + ", " + candidates + ": " + scores);
					}
				}
			}
		}
		latency(entries, vectors, questions, queryVectors, dataDir);
	}

	private static void latency(List<BotIndex.Entry> base, List<float[]> baseVectors, List<Question> questions, List<float[]> queryVectors,
			Path dataDir) {
		var random = new Random(7);
		var entries = new ArrayList<BotIndex.Entry>(LARGE);
		var matrix = new float[LARGE * Embeddings.DIMENSIONS];
		for (int i = 0; i < LARGE; i++) {
			var source = base.get(i % base.size());
			var copy = i / base.size();
			var text = copy == 0 ? source.text() : source.text().replace("Brightwater", "Brightwater branch " + copy) + " Ref " + copy + "-" + i + ".";
			entries.add(new BotIndex.Entry(UUID.randomUUID().toString(), source.sourceId(), source.title() + (copy == 0 ? "" : " #" + copy),
					null, source.heading(), text, null));
			var vector = baseVectors.get(i % base.size()).clone();
			if (copy > 0) {
				for (int d = 0; d < vector.length; d++) {
					vector[d] += (float) (random.nextGaussian() * 0.02);
				}
				vector = Vectors.normalize(vector);
			}
			System.arraycopy(vector, 0, matrix, i * Embeddings.DIMENSIONS, Embeddings.DIMENSIONS);
		}
		var buildStart = System.nanoTime();
		var index = BotIndex.build(2, entries, matrix, Embeddings.DIMENSIONS);
		System.out.printf(Locale.ROOT, "%nIndex of %,d chunks built in %d ms%n", LARGE, millis(System.nanoTime() - buildStart));
		for (int warm = 0; warm < 3; warm++) {
			for (int i = 0; i < questions.size(); i++) {
				HybridSearch.rank(index, questions.get(i).text(), queryVectors.get(i), 5);
			}
		}
		var search = new long[questions.size() * 5];
		var withEmbedding = new long[questions.size()];
		int n = 0;
		for (int round = 0; round < 5; round++) {
			for (int i = 0; i < questions.size(); i++) {
				var start = System.nanoTime();
				HybridSearch.rank(index, questions.get(i).text(), queryVectors.get(i), 5);
				search[n++] = System.nanoTime() - start;
			}
		}
		for (int i = 0; i < questions.size(); i++) {
			var start = System.nanoTime();
			var vector = Embeddings.embed(dataDir, List.of(questions.get(i).text()), Duration.ofMinutes(1)).get(0);
			HybridSearch.rank(index, questions.get(i).text(), vector, 5);
			withEmbedding[i] = System.nanoTime() - start;
		}
		System.out.println("Retrieval latency on " + LARGE + " chunks (ms)        p50     p90     p99     max");
		System.out.println("  hybrid ranking (BM25 + cosine + fusion) " + percentiles(search));
		System.out.println("  query embedding + hybrid ranking        " + percentiles(withEmbedding));
	}

	private static String percentiles(long[] nanos) {
		var sorted = nanos.clone();
		Arrays.sort(sorted);
		Function<Double, String> at = q -> String.format(Locale.ROOT, "%7.2f", sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6);
		return at.apply(0.50) + " " + at.apply(0.90) + " " + at.apply(0.99) + " " + at.apply(1.0);
	}

	/** The 1-based rank of the first passage containing the answer phrase; 0 when none does. */
	private static int rank(List<String> passages, Question question) {
		for (int i = 0; i < passages.size(); i++) {
			if (passages.get(i).contains(question.key())) {
				return i + 1;
			}
		}
		return 0;
	}

	private static String label(int rank) {
		return rank == 0 ? ">10" : String.valueOf(rank);
	}

	private static float[] flatten(List<float[]> vectors) {
		var out = new float[vectors.size() * Embeddings.DIMENSIONS];
		for (int i = 0; i < vectors.size(); i++) {
			System.arraycopy(vectors.get(i), 0, out, i * Embeddings.DIMENSIONS, Embeddings.DIMENSIONS);
		}
		return out;
	}

	private static List<Page> readPages(Path directory) throws IOException {
		try (var files = Files.list(directory)) {
			var out = new ArrayList<Page>();
			for (var file : files.sorted().toList()) {
				var text = Files.readString(file, StandardCharsets.UTF_8);
				var title = text.lines().filter(line -> line.startsWith("# ")).findFirst().orElse("# " + file.getFileName()).substring(2);
				out.add(new Page(UUID.nameUUIDFromBytes(file.getFileName().toString().getBytes(StandardCharsets.UTF_8)), title, text));
			}
			return out;
		}
	}

	private static List<Question> readQuestions(Path file) throws IOException {
		return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(line -> line.split("\t", 3)).map(parts -> new Question(parts[1], parts[2])).toList();
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	private record Page(UUID id, String title, String text) {
	}

	private record Question(String key, String text) {
	}

	/** Recall@1, recall@5 and MRR over the ranks of the answering passages. */
	private static final class Scores {

		private int count;

		private int at1;

		private int at5;

		private double reciprocal;

		void add(int rank) {
			this.count++;
			if (rank == 1) {
				this.at1++;
			}
			if (rank >= 1 && rank <= 5) {
				this.at5++;
			}
			if (rank >= 1) {
				this.reciprocal += 1.0 / rank;
			}
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%8.3f  %8.3f  %6.3f", (double) this.at1 / this.count, (double) this.at5 / this.count,
					this.reciprocal / this.count);
		}

	}

}
