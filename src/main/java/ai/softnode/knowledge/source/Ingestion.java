package ai.softnode.knowledge.source;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.knowledge.source.Chunks.Embedded;
import ai.softnode.knowledge.source.Jobs.Job;
import ai.softnode.knowledge.text.Chunker;
import ai.softnode.knowledge.text.Embeddings;
import ai.softnode.platform.SoftnodeProperties;

/**
 * Runs ingestion jobs in the background on one thread of this node: claims a job, chunks and embeds
 * the source outside any transaction, then swaps the source's chunks and bumps the bot's knowledge
 * version in one short transaction. A source deleted meanwhile stays deleted; a job whose lease was
 * taken over by another node is abandoned.
 */
@Component
class Ingestion implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

	private static final Duration MODEL_WAIT = Duration.ofMinutes(5);

	private final Sources sources;

	private final Chunks chunks;

	private final Jobs jobs;

	private final WebsiteSync websites;

	private final TransactionTemplate transactions;

	private final KnowledgeProperties properties;

	private final SoftnodeProperties softnode;

	private final Clock clock;

	private final Chunker chunker;

	private final String node;

	private final Semaphore wakeUp = new Semaphore(0);

	private volatile @Nullable Thread worker;

	private volatile boolean running;

	Ingestion(Sources sources, Chunks chunks, Jobs jobs, WebsiteSync websites, TransactionTemplate transactions,
			KnowledgeProperties properties, SoftnodeProperties softnode, Clock clock) {
		this.sources = sources;
		this.chunks = chunks;
		this.jobs = jobs;
		this.websites = websites;
		this.transactions = transactions;
		this.properties = properties;
		this.softnode = softnode;
		this.clock = clock;
		this.chunker = new Chunker(properties.chunkCharacters(), properties.chunkOverlap());
		this.node = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Looks for work now rather than at the next poll. */
	void wake() {
		this.wakeUp.release();
	}

	@Override
	public void start() {
		this.running = true;
		// Load the model early only where knowledge exists; elsewhere the first embedding loads it.
		if (this.sources.anyChunks()) {
			Embeddings.warmUp(this.softnode.dataDir());
		}
		var thread = new Thread(this::loop, "knowledge-ingestion");
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		var thread = this.worker;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void loop() {
		long lastSyncCheck = 0;
		while (this.running) {
			try {
				if (System.nanoTime() - lastSyncCheck > this.properties.syncCheckInterval().toNanos() || lastSyncCheck == 0) {
					lastSyncCheck = System.nanoTime();
					scheduleDueSyncs();
				}
				if (!runOnce()) {
					this.wakeUp.tryAcquire(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
					this.wakeUp.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.warn("Knowledge ingestion poll failed: {}", ex.toString());
				sleepQuietly(this.properties.pollInterval());
			}
		}
	}

	/**
	 * Queues a re-sync of every website source whose time has come. Safe on many nodes at once: a
	 * source has at most one job (unique index), so a second node's insert does nothing.
	 */
	int scheduleDueSyncs() {
		var now = now();
		int queued = 0;
		for (var source : this.sources.dueForSync(now, 100)) {
			var added = this.transactions.execute(tx -> {
				if (this.jobs.enqueue(source.workspace(), source.botId(), source.id(), now)) {
					this.sources.markPending(source.id(), now);
					return true;
				}
				return false;
			});
			if (Boolean.TRUE.equals(added)) {
				queued++;
			}
		}
		return queued;
	}

	/** Claims and runs one due job; returns whether there was one. */
	boolean runOnce() {
		var now = now();
		var job = this.transactions.execute(tx -> this.jobs.claim(this.node, now, now.plus(this.properties.jobLease())));
		if (job == null || job.isEmpty()) {
			return false;
		}
		process(job.get());
		return true;
	}

	private void process(Job job) {
		var source = this.sources.find(job.sourceId()).orElse(null);
		if (source == null) {
			return;
		}
		this.transactions.executeWithoutResult(tx -> this.sources.markProcessing(source.id(), now()));
		try {
			if ("url".equals(source.type())) {
				// a crawl may outlast one lease: every page renews it, and a lost lease stops the crawl
				this.websites.sync(source, () -> this.jobs.renew(job.id(), this.node, now().plus(this.properties.jobLease())),
						() -> this.jobs.delete(job.id()));
				return;
			}
			var embedded = embed(source);
			var characters = "qa".equals(source.type()) ? QaPair.fromJson(source.content()).stream().mapToLong(QaPair::characters).sum()
					: source.content().length();
			this.transactions.executeWithoutResult(tx -> {
				if (!this.sources.lock(source.id()) || !this.jobs.holds(job.id(), this.node)) {
					return;
				}
				this.chunks.deleteOfSource(source.id());
				this.chunks.insert(source.workspace(), source.botId(), source.id(), null, embedded);
				this.sources.markReady(source.id(), characters, embedded.size(), now(), null);
				this.sources.bumpVersion(source.workspace(), source.botId());
				this.jobs.delete(job.id());
			});
		}
		catch (SourceFailed ex) {
			fail(job, source, ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted() && !this.running) {
				return;
			}
			log.warn("Ingestion of source {} failed (attempt {}): {}", source.id(), job.attempt(), ex.toString());
			if (job.attempt() < this.properties.maxAttempts()) {
				this.transactions.executeWithoutResult(tx -> {
					if (this.sources.lock(source.id()) && this.jobs.holds(job.id(), this.node)) {
						this.sources.markPending(source.id(), now());
						this.jobs.release(job.id(), now().plusSeconds(15L * job.attempt()));
					}
				});
			}
			else {
				fail(job, source, "Processing failed unexpectedly after " + job.attempt() + " attempts. Try re-syncing; if it keeps failing, contact the operator.");
			}
		}
	}

	private void fail(Job job, Source source, String reason) {
		this.transactions.executeWithoutResult(tx -> {
			if (this.sources.lock(source.id()) && this.jobs.holds(job.id(), this.node)) {
				this.sources.markFailed(source.id(), reason, now(), WebsiteSync.nextSync(source.schedule(), now()));
				this.jobs.delete(job.id());
			}
		});
	}

	private List<Embedded> embed(Source source) {
		var content = source.content();
		if (content == null || content.isBlank()) {
			throw new SourceFailed("The source has no text to learn from.");
		}
		if ("qa".equals(source.type())) {
			var pairs = QaPair.fromJson(content);
			var vectors = Embeddings.embed(this.softnode.dataDir(), pairs.stream().map(QaPair::question).toList(), MODEL_WAIT);
			var out = new ArrayList<Embedded>();
			for (int i = 0; i < pairs.size(); i++) {
				var pair = pairs.get(i);
				out.add(new Embedded(i, pair.question(), null, "", pair.question(), pair.answer(), vectors.get(i)));
			}
			return out;
		}
		var pieces = this.chunker.chunk(content);
		if (pieces.isEmpty()) {
			throw new SourceFailed("The source has no text to learn from.");
		}
		var vectors = Embeddings.embed(this.softnode.dataDir(), pieces.stream().map(c -> source.title() + "\n" + c.indexedText()).toList(), MODEL_WAIT);
		var out = new ArrayList<Embedded>();
		for (int i = 0; i < pieces.size(); i++) {
			out.add(new Embedded(i, source.title(), null, pieces.get(i).heading(), null, pieces.get(i).text(), vectors.get(i)));
		}
		return out;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "node";
		}
	}

}
