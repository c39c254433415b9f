package ai.softnode.knowledge.source;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Knowledge settings of the installation.
 *
 * @param maxCharactersPerBot the most characters of knowledge one bot may hold over all its sources
 * (billing lowers it per plan)
 * @param maxSourceCharacters the most characters one text, file or Q&A source may hold
 * @param maxFileSize the largest file accepted for upload
 * @param uploadQuotaPerWorkspace the most bytes of uploaded files a workspace may have at once
 * @param chunkCharacters the target length of a chunk
 * @param chunkOverlap characters of a chunk's end repeated at the start of the next in one section
 * @param pollInterval how often an idle node looks for ingestion work
 * @param jobLease how long a node owns a claimed job before another may take it over
 * @param maxAttempts how often a job is tried before its source is marked failed
 * @param indexCacheChunks how many chunks the in-memory retrieval indexes of this node may hold
 * @param syncCheckInterval how often due website re-syncs are looked for
 * @param fetch the guarded website client
 */
@Validated
@ConfigurationProperties("softnode.knowledge")
public record KnowledgeProperties(@DefaultValue("5000000") @Positive long maxCharactersPerBot,
		@DefaultValue("1000000") @Positive int maxSourceCharacters, @DefaultValue("20MB") @NotNull DataSize maxFileSize,
		@DefaultValue("500MB") @NotNull DataSize uploadQuotaPerWorkspace,
		@DefaultValue("900") @Min(200) @Max(4000) int chunkCharacters, @DefaultValue("150") @Min(0) @Max(1000) int chunkOverlap,
		@DefaultValue("2s") @NotNull Duration pollInterval, @DefaultValue("10m") @NotNull Duration jobLease,
		@DefaultValue("3") @Positive int maxAttempts, @DefaultValue("400000") @Positive long indexCacheChunks,
		@DefaultValue("10m") @NotNull Duration syncCheckInterval,
		@DefaultValue @Valid @NestedConfigurationProperty Fetch fetch) {

	/**
	 * The guarded HTTP client used for website sources.
	 *
	 * @param allowPrivateNetworks let website sources reach private, loopback and unique-local
	 * addresses (intranets); cloud metadata and link-local addresses stay refused
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for a page as a whole
	 * @param maxPageBytes the most bytes read of one page (after decompression)
	 * @param maxPages the most pages one website source may crawl
	 * @param defaultPages pages crawled when a source does not say
	 * @param maxDepth how many links away from the start page a crawl goes
	 * @param maxTotalBytes the most bytes one crawl reads in all
	 * @param maxDuration the longest one crawl may take
	 * @param maxRedirects redirects followed per request, each re-checked
	 * @param userAgent the product token sent and matched in robots.txt
	 */
	public record Fetch(@DefaultValue("false") boolean allowPrivateNetworks, @DefaultValue("5s") @NotNull Duration connectTimeout,
			@DefaultValue("15s") @NotNull Duration readTimeout, @DefaultValue("2MB") @NotNull DataSize maxPageBytes,
			@DefaultValue("200") @Positive int maxPages, @DefaultValue("20") @Positive int defaultPages,
			@DefaultValue("5") @Min(0) int maxDepth, @DefaultValue("50MB") @NotNull DataSize maxTotalBytes,
			@DefaultValue("15m") @NotNull Duration maxDuration,
			@DefaultValue("5") @Min(0) @Max(10) int maxRedirects, @DefaultValue("SoftnodeBot") @NotNull String userAgent) {
	}

}
