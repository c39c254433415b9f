package ai.softnode.knowledge.source;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.knowledge.crawl.Crawler;
import ai.softnode.knowledge.crawl.FetchGuard;
import ai.softnode.knowledge.crawl.FetchRefused;
import ai.softnode.knowledge.source.Chunks.Embedded;
import ai.softnode.knowledge.text.Chunker;
import ai.softnode.knowledge.text.Embeddings;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.SoftnodeProperties;

/**
 * Syncs a website source: crawls it, re-embeds only pages whose text changed (by content hash),
 * drops pages that are gone, and swaps the result in within one transaction.
 */
@Component
class WebsiteSync {

	private static final Logger log = LoggerFactory.getLogger(WebsiteSync.class);

	private final Sources sources;

	private final Chunks chunks;

	private final TransactionTemplate transactions;

	private final KnowledgeProperties properties;

	private final SoftnodeProperties softnode;

	private final Clock clock;

	private final ObjectProvider<PlanLimits> limits;

	private final Chunker chunker;

	private final Crawler crawler;

	WebsiteSync(Sources sources, Chunks chunks, TransactionTemplate transactions, KnowledgeProperties properties,
			SoftnodeProperties softnode, Clock clock, ObjectProvider<PlanLimits> limits) {
		this.limits = limits;
		this.sources = sources;
		this.chunks = chunks;
		this.transactions = transactions;
		this.properties = properties;
		this.softnode = softnode;
		this.clock = clock;
		this.chunker = new Chunker(properties.chunkCharacters(), properties.chunkOverlap());
		this.crawler = crawler(properties, properties.fetch().allowPrivateNetworks());
	}

	/** A crawler configured from the settings. */
	static Crawler crawler(KnowledgeProperties properties, boolean allowPrivateNetworks) {
		var fetch = properties.fetch();
		var guard = new FetchGuard(new FetchGuard.Settings(allowPrivateNetworks, fetch.connectTimeout(), fetch.readTimeout(),
				fetch.maxPageBytes().toBytes(), fetch.maxRedirects(), fetch.userAgent() + "/1.0"));
		return new Crawler(guard, new Crawler.Limits(fetch.maxPages(), fetch.maxDepth(), fetch.maxTotalBytes().toBytes(), fetch.maxDuration()),
				fetch.userAgent());
	}

	/** When a source with {@code schedule} syncs next after {@code now}; {@code null} for manual ones. */
	static @Nullable OffsetDateTime nextSync(String schedule, OffsetDateTime now) {
		return switch (schedule) {
			case "daily" -> now.plus(Duration.ofDays(1));
			case "weekly" -> now.plus(Duration.ofDays(7));
			default -> null;
		};
	}

	void sync(Source source, BooleanSupplier stillOwned, Runnable finishJob) {
		sync(source, this.crawler, stillOwned, finishJob);
	}

	void sync(Source source, Crawler crawler, BooleanSupplier stillOwned, Runnable finishJob) {
		Crawler.Result result;
		try {
			result = crawler.crawl(URI.create(source.url()), source.maxPages() == null ? this.properties.fetch().defaultPages()
					: source.maxPages(), stillOwned);
		}
		catch (FetchRefused ex) {
			throw new SourceFailed(ex.getMessage());
		}
		if (result.pages().isEmpty()) {
			throw new SourceFailed("No readable pages were found at " + source.url() + "."
					+ (result.notes().isEmpty() ? "" : " " + result.notes().get(0)));
		}
		log.info("Crawled {} pages of {} for source {}", result.pages().size(), source.url(), source.id());
		var existing = new HashMap<String, Chunks.Page>();
		for (var page : this.chunks.pages(source.id())) {
			existing.put(page.url(), page);
		}
		var changed = new ArrayList<Changed>();
		var unchanged = new ArrayList<UUID>();
		long characters = 0;
		var urls = new HashSet<String>();
		for (var page : result.pages()) {
			var url = page.url().toString();
			if (!urls.add(url)) {
				continue;
			}
			characters += page.text().length();
			var hash = Crawler.sha(page.text());
			var before = existing.get(url);
			if (before != null && before.hash().equals(hash)) {
				unchanged.add(before.id());
			}
			else {
				changed.add(new Changed(page, hash, before == null ? null : before.id()));
			}
		}
		var planLimit = this.limits.getIfAvailable(() -> PlanLimits.UNLIMITED).maxKnowledgeCharacters(source.workspace());
		var limit = Math.min(this.properties.maxCharactersPerBot(), planLimit);
		if (this.sources.characters(source.workspace(), source.botId(), source.id()) + characters > limit) {
			throw new SourceFailed("The website has " + characters + " characters of text, more than fit into this bot's knowledge limit of "
					+ limit + " characters. Lower the number of pages or remove other sources"
					+ (planLimit < this.properties.maxCharactersPerBot() ? ", or upgrade your plan at " + PlanLimits.BILLING_PATH + "." : "."));
		}
		var embedded = new ArrayList<List<Embedded>>();
		for (var change : changed) {
			embedded.add(embed(change.page()));
		}
		var gone = existing.values().stream().filter(page -> !urls.contains(page.url())).map(Chunks.Page::id).toList();
		var total = characters;
		this.transactions.executeWithoutResult(tx -> {
			if (!this.sources.lock(source.id()) || !stillOwned.getAsBoolean()) {
				return;
			}
			var now = OffsetDateTime.now(this.clock);
			gone.forEach(this.chunks::deletePage);
			for (int i = 0; i < changed.size(); i++) {
				var change = changed.get(i);
				if (change.previous() != null) {
					this.chunks.deletePage(change.previous());
				}
				var pageId = UUID.randomUUID();
				this.chunks.insertPage(source.workspace(), source.id(), pageId, change.page().url().toString(), change.page().title(),
						change.hash(), change.page().text().length(), now);
				this.chunks.insert(source.workspace(), source.botId(), source.id(), pageId, embedded.get(i));
			}
			unchanged.forEach(id -> this.chunks.touchPage(id, now));
			this.sources.markReady(source.id(), total, this.chunks.countOfSource(source.id()), now, nextSync(source.schedule(), now));
			if (!changed.isEmpty() || !gone.isEmpty()) {
				this.sources.bumpVersion(source.workspace(), source.botId());
			}
			finishJob.run();
		});
	}

	private List<Embedded> embed(Crawler.Page page) {
		var pieces = this.chunker.chunk(page.text());
		var vectors = Embeddings.embed(this.softnode.dataDir(), pieces.stream().map(c -> page.title() + "\n" + c.indexedText()).toList(),
				Duration.ofMinutes(5));
		var out = new ArrayList<Embedded>();
		for (int i = 0; i < pieces.size(); i++) {
			out.add(new Embedded(i, page.title(), page.url().toString(), pieces.get(i).heading(), null, pieces.get(i).text(),
					vectors.get(i)));
		}
		return out;
	}

	private record Changed(Crawler.Page page, String hash, @Nullable UUID previous) {
	}

}
