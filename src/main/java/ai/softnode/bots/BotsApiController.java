package ai.softnode.bots;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import ai.softnode.platform.Problem;
import ai.softnode.platform.Problem.Violation;
import ai.softnode.platform.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/bots}: the workspace's bots as JSON, for the API key's workspace only. */
@RestController
@RequestMapping("/api/v1/bots")
@Tag(name = "Bots", description = "Create, read, change and delete the bots of the API key's workspace.")
class BotsApiController {

	/** Where each settings field lives in the bot's JSON, for validation messages. */
	private static final Map<String, String> JSON_FIELDS = Map.ofEntries(Map.entry("accentColor", "appearance.accentColor"),
			Map.entry("position", "appearance.position"), Map.entry("launcherLabel", "appearance.launcherLabel"),
			Map.entry("avatarUrl", "appearance.avatarUrl"), Map.entry("leadCapture", "leadCapture.mode"),
			Map.entry("leadAfterMessages", "leadCapture.afterMessages"), Map.entry("leadFields", "leadCapture.fields"),
			Map.entry("leadQuestion", "leadCapture.question"), Map.entry("leadQuestionRequired", "leadCapture.questionRequired"),
			Map.entry("privacyNotice", "privacyNotice.text"), Map.entry("privacyNoticeRequired", "privacyNotice.required"));

	private final BotManagement bots;

	private final JsonMapper json;

	BotsApiController(BotManagement bots, JsonMapper json) {
		this.bots = bots;
		this.json = json;
	}

	@GetMapping
	@Operation(operationId = "listBots", summary = "List bots", description = "One page of the workspace's bots, oldest first.")
	BotPage list(@Parameter(hidden = true) Tenant tenant,
			@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "Bots per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
		var violations = new ArrayList<Violation>();
		if (page < 0) {
			violations.add(new Violation("page", "Use a page number of 0 or more."));
		}
		if (size < 1 || size > 100) {
			violations.add(new Violation("size", "Use a page size from 1 to 100."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		var items = this.bots.list(tenant, page, size).stream().map(BotJson::of).toList();
		return new BotPage(items, page, size, this.bots.count(tenant.workspace()));
	}

	@PostMapping
	@Operation(operationId = "createBot", summary = "Create a bot", description = "Only name is required; every other field starts with its default.")
	@ApiResponse(responseCode = "201", description = "Created; Location names the new bot.")
	ResponseEntity<BotJson> create(@Parameter(hidden = true) Tenant tenant, @RequestBody BotRequest request) {
		var name = request.name() == null ? "" : request.name();
		var bot = inJsonTerms(() -> this.bots.create(tenant, request.applyTo(BotSettings.defaults(name))));
		return ResponseEntity.created(URI.create("/api/v1/bots/" + bot.id())).body(BotJson.of(bot));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getBot", summary = "Get a bot")
	BotJson get(@Parameter(hidden = true) Tenant tenant, @PathVariable String id) {
		return BotJson.of(this.bots.get(tenant, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateBot", summary = "Change a bot", description = "Only the fields sent change; null clears retentionDays and "
			+ "appearance.avatarUrl. The resulting settings are validated as a whole.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = BotRequest.class)))
	BotJson update(@Parameter(hidden = true) Tenant tenant, @PathVariable String id, @Parameter(hidden = true) @RequestBody ObjectNode body,
			HttpServletRequest http) {
		var current = this.bots.get(tenant, id);
		BotRequest request;
		try {
			request = this.json.treeToValue(body, BotRequest.class);
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException(ex.getOriginalMessage(), ex, new ServletServerHttpRequest(http));
		}
		return BotJson.of(inJsonTerms(() -> this.bots.update(tenant, current.id(), request.patch(current.settings(), body))));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteBot", summary = "Delete a bot", description = "Deletes the bot with its knowledge and conversations.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@Parameter(hidden = true) Tenant tenant, @PathVariable String id) {
		var bot = this.bots.get(tenant, id);
		this.bots.delete(tenant, bot.id());
		return ResponseEntity.noContent().build();
	}

	/** Runs {@code action}, renaming violated settings fields to their place in the JSON. */
	private static <T> T inJsonTerms(Supplier<T> action) {
		try {
			return action.get();
		}
		catch (Problem problem) {
			throw renamed(problem);
		}
	}

	private static Problem renamed(Problem problem) {
		if (problem.violations().isEmpty()) {
			return problem;
		}
		return Problem.invalid(problem.violations().stream()
			.map(v -> new Violation(JSON_FIELDS.getOrDefault(v.field(), v.field()), v.message()))
			.toList());
	}

	/** A page of bots. */
	record BotPage(List<BotJson> items, int page, int size, long total) {
	}

	/** A bot as the API shows it. */
	record BotJson(UUID id, @Schema(description = "The id used by the widget embed") String publicId, String name,
			String instructions, String model, BigDecimal temperature, String greeting, List<String> suggestedQuestions,
			String fallbackMessage, Appearance appearance, List<String> allowedDomains, LeadCapture leadCapture,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(description = "Days conversation logs are kept; null = workspace default") @Nullable Integer retentionDays,
			int maxAnswerTokens, @Schema(description = "0 = no limit") long dailyTokenBudget, boolean redactPersonalData,
			@Schema(description = "Store visitor text with the placeholders the model gets (off by default)") boolean redactStoredLog,
			PrivacyNotice privacyNotice, boolean enabled, Instant createdAt, Instant updatedAt) {

		static BotJson of(Bot bot) {
			var s = bot.settings();
			return new BotJson(bot.id(), bot.publicId(), s.name(), s.instructions(), s.model(), s.temperature(), s.greeting(),
					s.suggestedQuestions(), s.fallbackMessage(),
					new Appearance(s.accentColor(), s.position(), s.launcherLabel(), s.avatarUrl()), s.allowedDomains(),
					new LeadCapture(s.leadCapture(), s.leadAfterMessages(), s.leadFields(), s.leadQuestion(), s.leadQuestionRequired()),
					s.retentionDays(), s.maxAnswerTokens(), s.dailyTokenBudget(), s.redactPersonalData(), s.redactStoredLog(),
					new PrivacyNotice(s.privacyNotice(), s.privacyNoticeRequired()), s.enabled(),
					bot.createdAt().toInstant(), bot.updatedAt().toInstant());
		}

		record Appearance(String accentColor, @Schema(allowableValues = { "bottom-right", "bottom-left" }) String position,
				String launcherLabel, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String avatarUrl) {
		}

		record LeadCapture(LeadCaptureMode mode, int afterMessages, List<String> fields,
				@JsonInclude(JsonInclude.Include.ALWAYS) @Schema(description = "The owner's own question on the lead form; null = none") @Nullable String question,
				boolean questionRequired) {
		}

		record PrivacyNotice(@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String text,
				@Schema(description = "Visitors accept the notice before their first message") boolean required) {
		}

	}

	/**
	 * A bot's settings as a client sends them: every field may be left out. On create, left-out
	 * fields take their defaults; on change, they keep their value.
	 */
	@Schema(description = "Bot settings; every field is optional except name on create.")
	record BotRequest(@Nullable String name, @Nullable String instructions, @Nullable String model,
			@Nullable BigDecimal temperature, @Nullable String greeting, @Nullable List<String> suggestedQuestions,
			@Nullable String fallbackMessage, @Nullable AppearanceRequest appearance, @Nullable List<String> allowedDomains,
			@Nullable LeadCaptureRequest leadCapture, @Nullable Integer retentionDays, @Nullable Integer maxAnswerTokens,
			@Nullable Long dailyTokenBudget, @Nullable Boolean redactPersonalData, @Nullable Boolean redactStoredLog,
			@Nullable PrivacyNoticeRequest privacyNotice, @Nullable Boolean enabled) {

		/** Fields that may be cleared with an explicit {@code null}. */
		private static final List<String> CLEARABLE = List.of("retentionDays", "appearance.avatarUrl", "leadCapture.question",
				"privacyNotice.text");

		/** {@code base} with every field this request carries. */
		BotSettings applyTo(BotSettings base) {
			return applyTo(base, List.of());
		}

		/**
		 * {@code current} changed by this request as sent in {@code body}: an explicit {@code null}
		 * clears a clearable field and is refused for any other.
		 */
		BotSettings patch(BotSettings current, JsonNode body) {
			var violations = new ArrayList<Violation>();
			nulls(body, "", violations);
			if (!violations.isEmpty()) {
				throw Problem.invalid(violations);
			}
			var cleared = CLEARABLE.stream().filter(path -> isExplicitNull(body, path)).toList();
			return applyTo(current, cleared);
		}

		private BotSettings applyTo(BotSettings base, List<String> cleared) {
			var look = this.appearance == null ? new AppearanceRequest(null, null, null, null) : this.appearance;
			var lead = this.leadCapture == null ? new LeadCaptureRequest(null, null, null, null, null) : this.leadCapture;
			var notice = this.privacyNotice == null ? new PrivacyNoticeRequest(null, null) : this.privacyNotice;
			return new BotSettings(or(this.name, base.name()), or(this.instructions, base.instructions()),
					or(this.model, base.model()), or(this.temperature, base.temperature()), or(this.greeting, base.greeting()),
					or(this.suggestedQuestions, base.suggestedQuestions()), or(this.fallbackMessage, base.fallbackMessage()),
					or(look.accentColor(), base.accentColor()), or(look.position(), base.position()),
					or(look.launcherLabel(), base.launcherLabel()),
					cleared.contains("appearance.avatarUrl") ? null : or(look.avatarUrl(), base.avatarUrl()),
					or(this.allowedDomains, base.allowedDomains()), lead.mode(base.leadCapture()),
					or(lead.afterMessages(), base.leadAfterMessages()), or(lead.fields(), base.leadFields()),
					cleared.contains("retentionDays") ? null : or(this.retentionDays, base.retentionDays()),
					or(this.maxAnswerTokens, base.maxAnswerTokens()), or(this.dailyTokenBudget, base.dailyTokenBudget()),
					or(this.redactPersonalData, base.redactPersonalData()), or(this.enabled, base.enabled()),
					cleared.contains("leadCapture.question") ? null : or(lead.question(), base.leadQuestion()),
					or(lead.questionRequired(), base.leadQuestionRequired()),
					cleared.contains("privacyNotice.text") ? null : or(notice.text(), base.privacyNotice()),
					or(notice.required(), base.privacyNoticeRequired()), or(this.redactStoredLog, base.redactStoredLog()));
		}

		private static void nulls(JsonNode node, String prefix, List<Violation> violations) {
			for (var entry : node.properties()) {
				var path = prefix + entry.getKey();
				if (entry.getValue().isNull() && !CLEARABLE.contains(path)) {
					violations.add(new Violation(path, "This field cannot be cleared; leave it out to keep its value."));
				}
				else if (entry.getValue().isObject()) {
					nulls(entry.getValue(), path + ".", violations);
				}
			}
		}

		/** Whether the dotted {@code path} is present in {@code body} as JSON {@code null}. */
		private static boolean isExplicitNull(JsonNode body, String path) {
			var node = body;
			for (var name : path.split("\\.")) {
				if (!node.has(name)) {
					return false;
				}
				node = node.get(name);
			}
			return node.isNull();
		}

		private static <T> T or(@Nullable T value, @Nullable T fallback) {
			return value != null ? value : fallback;
		}

	}

	/** The look of the chat button and window. */
	record AppearanceRequest(@Nullable String accentColor,
			@Nullable @Schema(allowableValues = { "bottom-right", "bottom-left" }) String position,
			@Nullable String launcherLabel, @Nullable String avatarUrl) {
	}

	/** The privacy notice the widget shows, and whether visitors accept it before their first message. */
	record PrivacyNoticeRequest(@Nullable String text, @Nullable Boolean required) {
	}

	/** When and what the widget asks visitors for. */
	record LeadCaptureRequest(
			@Nullable @Schema(allowableValues = { "OFF", "BEFORE_CHAT", "AFTER_MESSAGES", "WHEN_UNANSWERED" }) String mode,
			@Nullable Integer afterMessages, @Nullable List<String> fields, @Nullable String question,
			@Nullable Boolean questionRequired) {

		LeadCaptureMode mode(LeadCaptureMode fallback) {
			if (this.mode == null) {
				return fallback;
			}
			try {
				return LeadCaptureMode.valueOf(this.mode);
			}
			catch (IllegalArgumentException ex) {
				throw Problem.invalid("leadCapture.mode", "Choose one of OFF, BEFORE_CHAT, AFTER_MESSAGES or WHEN_UNANSWERED.");
			}
		}

	}

}
