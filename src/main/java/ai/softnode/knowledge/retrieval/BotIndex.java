package ai.softnode.knowledge.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;

import ai.softnode.knowledge.text.Vectors;

/**
 * The in-memory retrieval index of one bot at one knowledge version: a Lucene BM25 index over the
 * chunks' words and a dense matrix of their embeddings for exact cosine search. Immutable once
 * built; a new version builds a new one.
 */
public final class BotIndex {

	private static final Analyzer ANALYZER = new EnglishAnalyzer();

	/** From this many chunks on, the cosine scan is split across cores. */
	private static final int PARALLEL_SCAN = 20_000;

	private final long version;

	private final List<Entry> entries;

	private final float[] vectors;

	private final int dimensions;

	private final @Nullable IndexSearcher searcher;

	private final @Nullable DirectoryReader reader;

	private BotIndex(long version, List<Entry> entries, float[] vectors, int dimensions, @Nullable DirectoryReader reader) {
		this.version = version;
		this.entries = entries;
		this.vectors = vectors;
		this.dimensions = dimensions;
		this.reader = reader;
		if (reader != null) {
			var searcher = new IndexSearcher(reader);
			searcher.setSimilarity(new BM25Similarity());
			this.searcher = searcher;
		}
		else {
			this.searcher = null;
		}
	}

	/** Builds the index of {@code entries} with their vectors laid out one after another. */
	public static BotIndex build(long version, List<Entry> entries, float[] vectors, int dimensions) {
		if (entries.isEmpty()) {
			return new BotIndex(version, List.of(), new float[0], dimensions, null);
		}
		try {
			var directory = new ByteBuffersDirectory();
			var config = new IndexWriterConfig(ANALYZER).setSimilarity(new BM25Similarity()).setRAMBufferSizeMB(64);
			try (var writer = new IndexWriter(directory, config)) {
				for (int i = 0; i < entries.size(); i++) {
					var entry = entries.get(i);
					var document = new Document();
					document.add(new NumericDocValuesField("ord", i));
					document.add(new TextField("text", entry.heading() + "\n" + entry.text(), Field.Store.NO));
					document.add(new TextField("title", entry.title(), Field.Store.NO));
					if (entry.question() != null) {
						document.add(new TextField("question", entry.question(), Field.Store.NO));
					}
					writer.addDocument(document);
				}
				writer.forceMerge(1);
			}
			return new BotIndex(version, List.copyOf(entries), vectors, dimensions, DirectoryReader.open(directory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public long version() {
		return this.version;
	}

	public int size() {
		return this.entries.size();
	}

	public Entry entry(int ordinal) {
		return this.entries.get(ordinal);
	}

	/** BM25 ranks: chunk ordinals best first, with their scores; empty when no word of the query occurs. */
	public List<Hit> keyword(String query, int limit) {
		if (this.searcher == null) {
			return List.of();
		}
		var terms = terms(query);
		if (terms.isEmpty()) {
			return List.of();
		}
		var builder = new BooleanQuery.Builder();
		for (var term : terms) {
			builder.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.SHOULD);
			builder.add(new BoostQuery(new TermQuery(new Term("title", term)), 0.5f), BooleanClause.Occur.SHOULD);
			builder.add(new BoostQuery(new TermQuery(new Term("question", term)), 2.0f), BooleanClause.Occur.SHOULD);
		}
		try {
			var top = this.searcher.search(builder.build(), limit);
			var hits = new ArrayList<Hit>(top.scoreDocs.length);
			var leaves = this.reader.leaves();
			for (var scoreDoc : top.scoreDocs) {
				var leaf = leaves.get(ReaderUtil.subIndex(scoreDoc.doc, leaves));
				NumericDocValues ords = leaf.reader().getNumericDocValues("ord");
				if (ords != null && ords.advanceExact(scoreDoc.doc - leaf.docBase)) {
					hits.add(new Hit((int) ords.longValue(), scoreDoc.score));
				}
			}
			return hits;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Exact cosine ranks of the chunks against a unit query vector, best first. Large indexes are
	 * scanned in parallel slices.
	 */
	public List<Hit> dense(float[] query, int limit) {
		var n = this.entries.size();
		if (n == 0 || limit <= 0) {
			return List.of();
		}
		List<Hit> out;
		if (n < PARALLEL_SCAN) {
			out = new ArrayList<>(scan(query, limit, 0, n));
		}
		else {
			var slices = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
			var size = (n + slices - 1) / slices;
			out = java.util.stream.IntStream.range(0, slices).parallel()
				.mapToObj(slice -> scan(query, limit, slice * size, Math.min(n, (slice + 1) * size)))
				.flatMap(PriorityQueue::stream).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
		}
		out.sort((a, b) -> Float.compare(b.score(), a.score()));
		return out.size() <= limit ? out : new ArrayList<>(out.subList(0, limit));
	}

	private PriorityQueue<Hit> scan(float[] query, int limit, int from, int to) {
		var heap = new PriorityQueue<Hit>(limit + 1, (a, b) -> Float.compare(a.score(), b.score()));
		float floor = Float.NEGATIVE_INFINITY;
		for (int i = from; i < to; i++) {
			var score = Vectors.dot(query, this.vectors, i * this.dimensions);
			if (heap.size() < limit) {
				heap.add(new Hit(i, score));
				if (heap.size() == limit) {
					floor = heap.peek().score();
				}
			}
			else if (score > floor) {
				heap.poll();
				heap.add(new Hit(i, score));
				floor = heap.peek().score();
			}
		}
		return heap;
	}

	/** The cosine of chunk {@code ordinal} with a unit query vector. */
	public float similarity(float[] query, int ordinal) {
		return Vectors.dot(query, this.vectors, ordinal * this.dimensions);
	}

	/** The analysed words of {@code text}: lower case, stemmed, without stop words. */
	static List<String> terms(String text) {
		var out = new ArrayList<String>();
		try (var stream = ANALYZER.tokenStream("text", text)) {
			var attribute = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken() && out.size() < 64) {
				var term = attribute.toString();
				if (!out.contains(term)) {
					out.add(term);
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out;
	}

	/** A chunk as the index keeps it. */
	public record Entry(String id, UUID sourceId, String title, @Nullable String url, String heading, String text,
			@Nullable String question) {
	}

	/** A chunk ordinal and its score in one ranking. */
	public record Hit(int ordinal, float score) {
	}

}
