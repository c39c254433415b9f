package ai.softnode.knowledge.source;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.bots.BotManagement;
import ai.softnode.knowledge.crawl.AddressPolicy;
import ai.softnode.knowledge.crawl.FetchRefused;
import ai.softnode.knowledge.files.FileRejected;
import ai.softnode.knowledge.files.FileText;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Problem.Violation;
import ai.softnode.platform.Role;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.Tenant;

/**
 * Adds, lists, re-syncs and deletes a bot's knowledge sources, always within the caller's workspace.
 * Input is checked completely before anything is stored; the work of chunking and embedding is left
 * to a background job written in the same transaction as the source.
 */
@Service
public class SourceManagement implements ai.softnode.knowledge.QaAnswers {

	static final int MAX_TITLE = 200;

	static final int MAX_QUESTION = 1_000;

	static final int MAX_ANSWER = 10_000;

	static final int MAX_CSV_PAIRS = 5_000;

	private final Sources sources;

	private final Jobs jobs;

	private final BotManagement bots;

	private final KnowledgeProperties properties;

	private final Ingestion ingestion;

	private final Clock clock;

	private final FileText files;

	private final TransactionTemplate transactions;

	private final ObjectProvider<PlanLimits> limits;

	SourceManagement(Sources sources, Jobs jobs, BotManagement bots, KnowledgeProperties properties, Ingestion ingestion,
			Clock clock, TransactionTemplate transactions, SoftnodeProperties softnode, ObjectProvider<PlanLimits> limits) {
		this.limits = limits;
		this.transactions = transactions;
		this.sources = sources;
		this.jobs = jobs;
		this.bots = bots;
		this.properties = properties;
		this.ingestion = ingestion;
		this.clock = clock;
		this.files = new FileText(Math.max(properties.maxFileSize().toBytes() * 5, 50L * 1024 * 1024),
				properties.maxSourceCharacters(), softnode.dataDir().resolve("cache").resolve("pdfbox"));
	}

	/** One page of the bot's sources, newest first. */
	public SourcePage list(Tenant tenant, UUID botId, int page, int size) {
		this.bots.get(tenant, botId);
		var safePage = Math.max(0, page);
		var safeSize = Math.max(1, Math.min(100, size));
		return new SourcePage(this.sources.page(tenant.workspace(), botId, safePage, safeSize), safePage, safeSize,
				this.sources.count(tenant.workspace(), botId));
	}

	public Source get(Tenant tenant, UUID botId, UUID sourceId) {
		this.bots.get(tenant, botId);
		return this.sources.find(tenant.workspace(), botId, sourceId).orElseThrow(SourceManagement::notFound);
	}

	@Transactional
	public Source addText(Tenant tenant, UUID botId, @Nullable String title, @Nullable String content) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		var violations = new ArrayList<Violation>();
		var cleanTitle = title == null ? "" : title.strip();
		if (cleanTitle.isEmpty()) {
			violations.add(new Violation("title", "Give the text a title."));
		}
		else if (cleanTitle.length() > MAX_TITLE || cleanTitle.chars().anyMatch(Character::isISOControl)) {
			violations.add(new Violation("title", "Use at most 200 characters on one line."));
		}
		var text = content == null ? "" : content.replace("\u0000", "").strip();
		if (text.isEmpty()) {
			violations.add(new Violation("content", "Write or paste the text the bot should know."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		checkSourceSize(text.length());
		return add(tenant, botId, "text", cleanTitle, text, text.length(), null, null, "never", null, null, 0);
	}

	@Transactional
	public Source addQa(Tenant tenant, UUID botId, @Nullable String question, @Nullable String answer) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		var violations = new ArrayList<Violation>();
		var q = question == null ? "" : question.strip();
		var a = answer == null ? "" : answer.strip();
		if (q.isEmpty()) {
			violations.add(new Violation("question", "Write the question."));
		}
		else if (q.length() > MAX_QUESTION) {
			violations.add(new Violation("question", "Use at most 1,000 characters."));
		}
		if (a.isEmpty()) {
			violations.add(new Violation("answer", "Write the answer."));
		}
		else if (a.length() > MAX_ANSWER) {
			violations.add(new Violation("answer", "Use at most 10,000 characters."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		var pair = new QaPair(q, a);
		return add(tenant, botId, "qa", oneLine(q), QaPair.toJson(List.of(pair)), pair.characters(), null, null, "never", null,
				null, 0);
	}

	@Override
	public UUID addAnswer(Tenant tenant, UUID botId, @Nullable String question, @Nullable String answer) {
		return addQa(tenant, botId, question, answer).id();
	}

	/** Imports Q&A pairs from a CSV file with a question and an answer column (a header row is optional). */
	@Transactional
	public Source addQaCsv(Tenant tenant, UUID botId, @Nullable String fileName, byte[] bytes) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		checkFileSize(bytes.length);
		var pairs = parseCsv(bytes);
		var characters = pairs.stream().mapToLong(QaPair::characters).sum();
		checkSourceSize(characters);
		var title = displayName(fileName, "Q&A import");
		return add(tenant, botId, "qa", title, QaPair.toJson(pairs), characters, null, null, "never", safeFileName(fileName),
				"csv", 0);
	}

	/** Reads the file's text (outside any transaction, it may take a while) and stores only that text. */
	public Source addFile(Tenant tenant, UUID botId, @Nullable String fileName, byte[] bytes) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		checkFileSize(bytes.length);
		var used = this.sources.uploadedBytes(tenant.workspace());
		var quota = this.properties.uploadQuotaPerWorkspace().toBytes();
		if (used + bytes.length > quota) {
			throw new Problem(HttpStatus.CONFLICT, "upload_quota_exceeded", "Your workspace's uploads would exceed "
					+ megabytes(quota) + " in all (" + megabytes(used) + " used). Delete file sources you no longer need.");
		}
		FileText.Extracted extracted;
		try {
			extracted = this.files.extract(bytes);
		}
		catch (FileRejected ex) {
			throw new Problem(statusOf(ex.code()), ex.code(), ex.getMessage());
		}
		checkSourceSize(extracted.text().length());
		return this.transactions.execute(tx -> {
			if (this.sources.uploadedBytes(tenant.workspace()) + bytes.length > quota) {
				throw new Problem(HttpStatus.CONFLICT, "upload_quota_exceeded", "Your workspace's uploads would exceed "
						+ megabytes(quota) + " in all. Delete file sources you no longer need.");
			}
			return add(tenant, botId, "file", displayName(fileName, "Uploaded " + extracted.type()), extracted.text(),
					extracted.text().length(), null, null, "never", safeFileName(fileName), extracted.type(), bytes.length);
		});
	}

	@Transactional
	public Source addWebsite(Tenant tenant, UUID botId, @Nullable String url, @Nullable Integer maxPages, @Nullable String schedule) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		var violations = new ArrayList<Violation>();
		var text = url == null ? "" : url.strip();
		URI uri = null;
		if (text.isEmpty()) {
			violations.add(new Violation("url", "Enter the address of the website."));
		}
		else if (text.length() > 2000) {
			violations.add(new Violation("url", "Use at most 2,000 characters."));
		}
		else {
			try {
				uri = new URI(text.contains("://") ? text : "https://" + text);
				var host = AddressPolicy.checkUri(uri);
				if (AddressPolicy.isLiteral(host)) {
					new AddressPolicy(this.properties.fetch().allowPrivateNetworks()).resolve(host);
				}
			}
			catch (URISyntaxException ex) {
				violations.add(new Violation("url", "Enter a valid web address such as https://example.com."));
			}
			catch (FetchRefused ex) {
				violations.add(new Violation("url", ex.getMessage()));
			}
		}
		var fetch = this.properties.fetch();
		var pages = maxPages == null ? fetch.defaultPages() : maxPages;
		if (pages < 1 || pages > fetch.maxPages()) {
			violations.add(new Violation("maxPages", "Use a number from 1 to " + fetch.maxPages() + "."));
		}
		var cleanSchedule = schedule == null || schedule.isBlank() ? "weekly" : schedule.strip().toLowerCase(Locale.ROOT);
		if (!List.of("never", "daily", "weekly").contains(cleanSchedule)) {
			violations.add(new Violation("schedule", "Choose never, daily or weekly."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		var address = uri.toString();
		return add(tenant, botId, "url", oneLine(uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())), null, 0,
				address, pages, cleanSchedule, null, null, 0);
	}

	/** Queues the source to be processed again (a website is crawled again); no-op while one is queued. */
	@Transactional
	public Source sync(Tenant tenant, UUID botId, UUID sourceId) {
		tenant.require(Role.ADMIN);
		var source = get(tenant, botId, sourceId);
		if (this.jobs.enqueue(tenant.workspace(), botId, sourceId, now())) {
			this.sources.markPending(sourceId, now());
			wakeAfterCommit();
		}
		return this.sources.find(sourceId).orElse(source);
	}

	/** Deletes the source with its chunks; it leaves search results at once on every node. */
	@Transactional
	public void delete(Tenant tenant, UUID botId, UUID sourceId) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		if (this.sources.delete(tenant.workspace(), botId, sourceId) == 0) {
			throw notFound();
		}
		this.sources.bumpVersion(tenant.workspace(), botId);
	}

	/** Characters of knowledge the bot holds. */
	public long characters(Tenant tenant, UUID botId) {
		this.bots.get(tenant, botId);
		return this.sources.characters(tenant.workspace(), botId, new UUID(0, 0));
	}

	/** The knowledge limit of one bot, in characters. */
	public long characterLimit() {
		return this.properties.maxCharactersPerBot();
	}

	private Source add(Tenant tenant, UUID botId, String type, String title, @Nullable String content, long characters,
			@Nullable String url, @Nullable Integer maxPages, String schedule, @Nullable String fileName, @Nullable String fileType,
			long fileBytes) {
		var id = UUID.randomUUID();
		var held = this.sources.characters(tenant.workspace(), botId, id);
		var planLimit = this.limits.getIfAvailable(() -> PlanLimits.UNLIMITED).maxKnowledgeCharacters(tenant.workspace());
		if (planLimit < this.properties.maxCharactersPerBot() && held + characters > planLimit) {
			throw PlanLimits.limitReached("characters of knowledge per bot (this bot has " + held + ", this source adds " + characters + ")",
					planLimit);
		}
		var limit = this.properties.maxCharactersPerBot();
		if (held + characters > limit) {
			throw new Problem(HttpStatus.CONFLICT, "knowledge_limit_reached", "This bot may hold " + limit
					+ " characters of knowledge; it has " + held + " and this source adds " + characters
					+ ". Remove sources it no longer needs or shorten this one.");
		}
		var now = now();
		var source = new Source(id, tenant.workspace(), botId, type, title, Source.PENDING, null, false, content, url, maxPages,
				schedule, fileName, fileType, fileBytes, characters, 0, now, now, null, null);
		this.sources.insert(source);
		this.jobs.enqueue(tenant.workspace(), botId, id, now);
		wakeAfterCommit();
		return source;
	}

	private List<QaPair> parseCsv(byte[] bytes) {
		String text;
		try {
			int offset = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
		}
		catch (CharacterCodingException ex) {
			text = new String(bytes, Charset.forName("windows-1252"));
		}
		var delimiter = firstLine(text).chars().filter(c -> c == ';').count() > firstLine(text).chars().filter(c -> c == ',').count()
				? ';' : ',';
		var pairs = new ArrayList<QaPair>();
		var violations = new ArrayList<Violation>();
		try (var parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get()
			.parse(new StringReader(text))) {
			for (CSVRecord record : parser) {
				var line = parser.getCurrentLineNumber();
				if (record.size() < 2) {
					if (record.size() == 1 && record.get(0).isBlank()) {
						continue;
					}
					violations.add(new Violation("file", "Line " + line + " needs a question and an answer column."));
					continue;
				}
				var question = record.get(0).strip();
				var answer = record.get(1).strip();
				if (pairs.isEmpty() && violations.isEmpty() && question.equalsIgnoreCase("question") && answer.equalsIgnoreCase("answer")) {
					continue;
				}
				if (question.isEmpty() || answer.isEmpty()) {
					violations.add(new Violation("file", "Line " + line + " has an empty question or answer."));
				}
				else if (question.length() > MAX_QUESTION || answer.length() > MAX_ANSWER) {
					violations.add(new Violation("file", "Line " + line + " is too long (questions up to 1,000 and answers up to 10,000 characters)."));
				}
				else {
					pairs.add(new QaPair(question, answer));
				}
				if (pairs.size() > MAX_CSV_PAIRS) {
					throw Problem.invalid("file", "Import at most 5,000 pairs per file.");
				}
				if (violations.size() >= 10) {
					break;
				}
			}
		}
		catch (IOException | java.io.UncheckedIOException | IllegalStateException ex) {
			throw Problem.invalid("file", "The CSV file could not be read: " + ex.getMessage());
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		if (pairs.isEmpty()) {
			throw Problem.invalid("file", "The CSV file has no question and answer rows.");
		}
		return pairs;
	}

	private void checkFileSize(long bytes) {
		var max = this.properties.maxFileSize().toBytes();
		if (bytes > max) {
			throw new Problem(HttpStatus.CONTENT_TOO_LARGE, "source_too_large",
					"The file has " + megabytes(bytes) + "; files may have at most " + megabytes(max) + ".");
		}
		if (bytes == 0) {
			throw Problem.invalid("file", "The file is empty.");
		}
	}

	private void checkSourceSize(long characters) {
		if (characters > this.properties.maxSourceCharacters()) {
			throw new Problem(HttpStatus.CONTENT_TOO_LARGE, "source_too_large", "The source has " + characters
					+ " characters; one source may have at most " + this.properties.maxSourceCharacters() + ". Split it into smaller ones.");
		}
	}

	private void wakeAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					SourceManagement.this.ingestion.wake();
				}
			});
		}
		else {
			this.ingestion.wake();
		}
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static HttpStatus statusOf(String code) {
		return switch (code) {
			case FileRejected.UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case FileRejected.TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			default -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
	}

	private static String firstLine(String text) {
		var newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}

	private static String oneLine(String text) {
		var line = text.replaceAll("\\s+", " ").strip();
		return line.length() <= MAX_TITLE ? line : line.substring(0, MAX_TITLE - 1) + "…";
	}

	private static @Nullable String safeFileName(@Nullable String name) {
		if (name == null) {
			return null;
		}
		var base = name.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
		if (base.isEmpty()) {
			return null;
		}
		return base.length() <= 255 ? base : base.substring(0, 255);
	}

	private static String displayName(@Nullable String fileName, String fallback) {
		var safe = safeFileName(fileName);
		return oneLine(safe == null ? fallback : safe);
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	private static Problem notFound() {
		return Problem.notFound("source_not_found", "No source with this id for this bot in your workspace.");
	}

	/** A page of sources. */
	record SourcePage(List<Source> items, int page, int size, long total) {
	}

}
