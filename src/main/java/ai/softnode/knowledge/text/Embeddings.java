package ai.softnode.knowledge.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Local sentence embeddings (all-MiniLM-L6-v2, quantised, 384 dimensions) computed in process with
 * ONNX Runtime: no external service. The model is loaded once per JVM, lazily, on a background
 * thread; its native helpers are unpacked under the data directory, never into the home directory.
 */
public final class Embeddings {

	/** Dimensions of every vector. */
	public static final int DIMENSIONS = 384;

	private static final Logger log = LoggerFactory.getLogger(Embeddings.class);

	private static final int BATCH = 32;

	private static @Nullable CompletableFuture<EmbeddingModel> model;

	private Embeddings() {
	}

	/** Starts loading the model (once per JVM) and returns at once. */
	public static synchronized CompletableFuture<EmbeddingModel> warmUp(Path dataDir) {
		if (model == null) {
			var future = new CompletableFuture<EmbeddingModel>();
			var thread = new Thread(() -> load(dataDir, future), "knowledge-embeddings-load");
			thread.setDaemon(true);
			thread.start();
			model = future;
		}
		return model;
	}

	/** Whether the model has loaded. */
	public static synchronized boolean isReady() {
		return model != null && model.isDone() && !model.isCompletedExceptionally();
	}

	/** Unit vectors for {@code texts}, in order; waits for the model when it is still loading. */
	public static List<float[]> embed(Path dataDir, List<String> texts, Duration wait) {
		var loaded = await(warmUp(dataDir), wait);
		var out = new ArrayList<float[]>(texts.size());
		for (int from = 0; from < texts.size(); from += BATCH) {
			var batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream().map(TextSegment::from).toList();
			for (var embedding : loaded.embedAll(batch).content()) {
				out.add(Vectors.normalize(embedding.vector()));
			}
		}
		return out;
	}

	private static EmbeddingModel await(CompletableFuture<EmbeddingModel> future, Duration wait) {
		try {
			return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the embedding model loads", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the embedding model could not be loaded", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the embedding model is still loading", ex);
		}
	}

	private static void load(Path dataDir, CompletableFuture<EmbeddingModel> future) {
		try {
			var started = System.nanoTime();
			var cache = dataDir.toAbsolutePath().normalize().resolve("models");
			var tmp = cache.resolve("tmp");
			Files.createDirectories(tmp);
			// Native libraries of the tokenizer (DJL) and JNA go here instead of ~/.djl.ai and ~/.cache.
			setIfAbsent("DJL_CACHE_DIR", cache.resolve("djl").toString());
			setIfAbsent("ENGINE_CACHE_DIR", cache.resolve("djl").toString());
			setIfAbsent("jna.tmpdir", tmp.toString());
			setIfAbsent("OPT_OUT_TRACKING", "true");
			var loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
			loaded.embed("warm up");
			log.info("Embedding model loaded in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			future.complete(loaded);
		}
		catch (IOException ex) {
			future.completeExceptionally(new UncheckedIOException(ex));
		}
		catch (RuntimeException | LinkageError ex) {
			log.error("The embedding model could not be loaded", ex);
			future.completeExceptionally(ex);
		}
	}

	private static void setIfAbsent(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

}
