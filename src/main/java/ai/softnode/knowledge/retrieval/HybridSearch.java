package ai.softnode.knowledge.retrieval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import ai.softnode.knowledge.KnowledgeSearch;
import ai.softnode.knowledge.Passage;
import ai.softnode.knowledge.source.KnowledgeProperties;
import ai.softnode.knowledge.text.Embeddings;
import ai.softnode.knowledge.text.Vectors;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.WorkspaceId;

/**
 * Hybrid retrieval: BM25 over the chunks' words and cosine similarity over their embeddings, fused
 * by reciprocal rank. Q&A pairs are matched on their question and come first when the question is
 * close to the visitor's. Each node keeps a per-bot index in memory as a cache, rebuilt from the
 * database whenever the bot's knowledge version (a counter bumped by every change) differs, so all
 * nodes answer from the same knowledge and a deleted source is gone from the next search.
 */
@Component
public class HybridSearch implements KnowledgeSearch {

	private static final Logger log = LoggerFactory.getLogger(HybridSearch.class);

	/**
	 * The rank constant of reciprocal rank fusion. Smaller than the customary 60, so a passage at the
	 * top of one ranking is not outvoted by passages that are mediocre in both (measured in bench/).
	 */
	static final int RRF_K = 1;

	/** Candidates taken from each ranking (at least as many as asked for). */
	static final int CANDIDATES = 10;

	/** A Q&A question at least this close to the query is taken as the same question. */
	static final float QA_MATCH = 0.80f;

	/** Without a keyword match, the best chunk must be at least this similar for anything to be relevant. */
	static final float MIN_DENSE = 0.30f;

	/** Embeddings understand paraphrases better than word matches do, so their ranks weigh more. */
	static final double DENSE_WEIGHT = 2.0;

	private static final Duration QUERY_MODEL_WAIT = Duration.ofSeconds(20);

	private final JdbcClient jdbc;

	private final SoftnodeProperties softnode;

	private final Cache<BotKey, BotIndex> indexes;

	private final ReentrantLock[] locks = new ReentrantLock[64];

	/** Visitors ask the same questions again and again; their embeddings are kept for a while. */
	private final Cache<String, float[]> queries = Caffeine.newBuilder().maximumSize(10_000)
		.expireAfterAccess(Duration.ofHours(6)).build();

	HybridSearch(JdbcClient jdbc, SoftnodeProperties softnode, KnowledgeProperties properties) {
		this.jdbc = jdbc;
		this.softnode = softnode;
		this.indexes = Caffeine.newBuilder().maximumWeight(properties.indexCacheChunks())
			.weigher((BotKey bot, BotIndex index) -> Math.max(1, index.size()))
			.build();
		for (int i = 0; i < this.locks.length; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	@Override
	public List<Passage> search(WorkspaceId workspace, UUID botId, String query, int limit) {
		if (query == null || query.isBlank() || limit <= 0) {
			return List.of();
		}
		var index = index(workspace, botId);
		if (index.size() == 0) {
			return List.of();
		}
		float[] vector = null;
		try {
			var text = query.strip();
			vector = this.queries.get(text, key -> Embeddings.embed(this.softnode.dataDir(), List.of(key), QUERY_MODEL_WAIT).get(0));
		}
		catch (IllegalStateException ex) {
			log.warn("Searching by keywords only: {}", ex.getMessage());
		}
		return rank(index, query, vector, limit);
	}

	/** Fuses the two rankings of {@code index} for {@code query}; {@code vector} may be absent. */
	static List<Passage> rank(BotIndex index, String query, float[] vector, int limit) {
		return rank(index, query, vector, limit, RRF_K, DENSE_WEIGHT, Math.max(CANDIDATES, limit));
	}

	/** {@link #rank(BotIndex, String, float[], int)} with its constants as parameters, for tuning. */
	static List<Passage> rank(BotIndex index, String query, float[] vector, int limit, int rrfK, double denseWeight, int candidates) {
		var keyword = index.keyword(query, candidates);
		var dense = vector == null ? List.<BotIndex.Hit>of() : index.dense(vector, candidates);
		var scores = new HashMap<Integer, Double>();
		for (int rank = 0; rank < keyword.size(); rank++) {
			scores.merge(keyword.get(rank).ordinal(), 1.0 / (rrfK + rank + 1), Double::sum);
		}
		if (keyword.isEmpty() && (dense.isEmpty() || dense.get(0).score() < MIN_DENSE)) {
			return List.of();
		}
		for (int rank = 0; rank < dense.size(); rank++) {
			scores.merge(dense.get(rank).ordinal(), denseWeight / (rrfK + rank + 1), Double::sum);
		}
		var ranked = new ArrayList<Passage>();
		for (var entry : scores.entrySet()) {
			var ordinal = entry.getKey();
			var chunk = index.entry(ordinal);
			double score = entry.getValue();
			if (chunk.question() != null && vector != null) {
				var similarity = index.similarity(vector, ordinal);
				if (similarity >= QA_MATCH) {
					score += 1.0 + similarity;
				}
			}
			ranked.add(new Passage(chunk.id(), chunk.sourceId(), chunk.title(), chunk.url(), chunk.text(), chunk.question(), score));
		}
		ranked.sort(Comparator.comparingDouble(Passage::score).reversed());
		return ranked.size() <= limit ? ranked : List.copyOf(ranked.subList(0, limit));
	}

	/** The bot's index at its current knowledge version, rebuilt when stale. */
	BotIndex index(WorkspaceId workspace, UUID botId) {
		var version = version(workspace, botId);
		var key = new BotKey(workspace, botId);
		var cached = this.indexes.getIfPresent(key);
		if (cached != null && cached.version() == version) {
			return cached;
		}
		var lock = this.locks[Math.floorMod(botId.hashCode(), this.locks.length)];
		lock.lock();
		try {
			cached = this.indexes.getIfPresent(key);
			if (cached != null && cached.version() == version) {
				return cached;
			}
			var built = load(workspace, botId, version);
			this.indexes.put(key, built);
			return built;
		}
		finally {
			lock.unlock();
		}
	}

	private long version(WorkspaceId workspace, UUID botId) {
		return this.jdbc.sql("SELECT version FROM knowledge_version WHERE bot_id = :bot AND workspace_id = :ws")
			.param("bot", botId).param("ws", workspace.value()).query(Long.class).optional().orElse(0L);
	}

	/** Reads the bot's chunks; read after the version, so the index is never older than its label. */
	private BotIndex load(WorkspaceId workspace, UUID botId, long version) {
		var started = System.nanoTime();
		var entries = new ArrayList<BotIndex.Entry>();
		var vectors = new FloatList();
		this.jdbc.sql("""
				SELECT id, source_id, title, url, heading, question, text, embedding FROM knowledge_chunk
				WHERE workspace_id = :ws AND bot_id = :bot ORDER BY source_id, page_id, ordinal""")
			.param("ws", workspace.value()).param("bot", botId)
			.query(rs -> {
				var embedding = rs.getBytes("embedding");
				if (embedding.length != Embeddings.DIMENSIONS * Float.BYTES) {
					return;
				}
				entries.add(new BotIndex.Entry(rs.getObject("id", UUID.class).toString(), rs.getObject("source_id", UUID.class),
						rs.getString("title"), rs.getString("url"), rs.getString("heading"), rs.getString("text"),
						rs.getString("question")));
				vectors.add(embedding);
			});
		var index = BotIndex.build(version, entries, vectors.toArray(), Embeddings.DIMENSIONS);
		if (entries.size() > 1000) {
			log.info("Built the knowledge index of bot {} ({} chunks) in {} ms", botId, entries.size(),
					(System.nanoTime() - started) / 1_000_000);
		}
		return index;
	}

	/** Indexes are cached per workspace and bot, so a foreign bot id cannot touch another tenant's entry. */
	private record BotKey(WorkspaceId workspace, UUID botId) {
	}

	/** A growable float array of embeddings. */
	private static final class FloatList {

		private float[] values = new float[Embeddings.DIMENSIONS * 64];

		private int size;

		void add(byte[] embedding) {
			if (this.size + Embeddings.DIMENSIONS > this.values.length) {
				this.values = java.util.Arrays.copyOf(this.values, this.values.length * 2);
			}
			Vectors.read(embedding, this.values, this.size);
			this.size += Embeddings.DIMENSIONS;
		}

		float[] toArray() {
			return java.util.Arrays.copyOf(this.values, this.size);
		}

	}

}
