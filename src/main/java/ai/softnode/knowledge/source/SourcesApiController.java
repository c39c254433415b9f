package ai.softnode.knowledge.source;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;

/** The JSON API of a bot's knowledge sources. */
@RestController
@RequestMapping("/api/v1/bots/{botId}/sources")
class SourcesApiController {

	private final SourceManagement management;

	SourcesApiController(SourceManagement management) {
		this.management = management;
	}

	@GetMapping
	Page list(Tenant tenant, @PathVariable UUID botId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		var result = this.management.list(tenant, botId, page, size);
		return new Page(result.items().stream().map(SourceJson::of).toList(), result.page(), result.size(), result.total());
	}

	@GetMapping("/{sourceId}")
	SourceJson get(Tenant tenant, @PathVariable UUID botId, @PathVariable UUID sourceId) {
		return SourceJson.of(this.management.get(tenant, botId, sourceId));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<SourceJson> create(Tenant tenant, @PathVariable UUID botId, @RequestBody CreateSource body) {
		var type = body.type() == null ? "" : body.type().strip().toLowerCase(Locale.ROOT);
		var source = switch (type) {
			case "text" -> {
				onlyFields(body, "text", Set.of("title", "content"));
				yield this.management.addText(tenant, botId, body.title(), body.content());
			}
			case "qa" -> {
				onlyFields(body, "qa", Set.of("question", "answer"));
				yield this.management.addQa(tenant, botId, body.question(), body.answer());
			}
			case "url" -> {
				onlyFields(body, "url", Set.of("url", "maxPages", "schedule"));
				yield this.management.addWebsite(tenant, botId, body.url(), body.maxPages(), body.schedule());
			}
			case "" -> throw Problem.invalid("type", "Say which kind of source this is: text, qa or url (files are sent as multipart).");
			default -> throw Problem.invalid("type", "Unknown type '" + abbreviate(type) + "'; use text, qa or url (files are sent as multipart).");
		};
		return created(botId, source);
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<SourceJson> upload(Tenant tenant, @PathVariable UUID botId,
			@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			@RequestParam(name = "format", required = false) @Nullable String format) {
		if (file == null) {
			throw Problem.invalid("file", "Send the document in the multipart field 'file'.");
		}
		var bytes = read(file);
		var source = "qa-csv".equals(format) ? this.management.addQaCsv(tenant, botId, file.getOriginalFilename(), bytes)
				: format == null || format.isBlank() ? this.management.addFile(tenant, botId, file.getOriginalFilename(), bytes)
				: rejectFormat(format);
		return created(botId, source);
	}

	@PostMapping("/{sourceId}/sync")
	ResponseEntity<SourceJson> sync(Tenant tenant, @PathVariable UUID botId, @PathVariable UUID sourceId) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(SourceJson.of(this.management.sync(tenant, botId, sourceId)));
	}

	@DeleteMapping("/{sourceId}")
	ResponseEntity<Void> delete(Tenant tenant, @PathVariable UUID botId, @PathVariable UUID sourceId) {
		this.management.delete(tenant, botId, sourceId);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<SourceJson> created(UUID botId, Source source) {
		return ResponseEntity.created(URI.create("/api/v1/bots/" + botId + "/sources/" + source.id())).body(SourceJson.of(source));
	}

	private static Source rejectFormat(String format) {
		throw Problem.invalid("format", "Unknown format '" + abbreviate(format) + "'; leave it out for documents or use qa-csv.");
	}

	static byte[] read(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw Problem.badRequest("upload_failed", "The upload could not be read; please send it again.");
		}
	}

	/** Fields of another type are refused rather than ignored, so a mistake is seen. */
	private static void onlyFields(CreateSource body, String type, Set<String> allowed) {
		var present = new LinkedHashMap<String, @Nullable Object>();
		present.put("title", body.title());
		present.put("content", body.content());
		present.put("question", body.question());
		present.put("answer", body.answer());
		present.put("url", body.url());
		present.put("maxPages", body.maxPages());
		present.put("schedule", body.schedule());
		var violations = present.entrySet().stream().filter(entry -> entry.getValue() != null && !allowed.contains(entry.getKey()))
			.map(entry -> new Problem.Violation(entry.getKey(), "This field does not belong to a source of type " + type + "."))
			.toList();
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
	}

	private static String abbreviate(String text) {
		return text.length() <= 30 ? text : text.substring(0, 27) + "...";
	}

	/** The body of a new text, Q&A or website source. */
	record CreateSource(@Nullable String type, @Nullable String title, @Nullable String content, @Nullable String question,
			@Nullable String answer, @Nullable String url, @Nullable Integer maxPages, @Nullable String schedule) {
	}

	/** A source as the API shows it. */
	record SourceJson(UUID id, String type, String title, String status, @Nullable String error, boolean stale, int chunks,
			long characters, @Nullable Instant lastSyncedAt, Instant createdAt, @Nullable String url, @Nullable Integer maxPages,
			@Nullable String schedule, @Nullable String fileName, @Nullable String fileType) {

		static SourceJson of(Source source) {
			var website = "url".equals(source.type());
			return new SourceJson(source.id(), source.type(), source.title(), source.status(), source.error(), source.stale(),
					source.chunks(), source.characters(), source.lastSyncedAt() == null ? null : source.lastSyncedAt().toInstant(),
					source.createdAt().toInstant(), source.url(), source.maxPages(), website ? source.schedule() : null,
					source.fileName(), source.fileType());
		}

	}

	/** A page of a list. */
	record Page(List<SourceJson> items, int page, int size, long total) {
	}

}
