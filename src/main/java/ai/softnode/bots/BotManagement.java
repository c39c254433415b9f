package ai.softnode.bots;

import java.math.RoundingMode;
import java.net.IDN;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.platform.Audited;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.WorkspaceLock;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Problem.Violation;
import ai.softnode.platform.Role;
import ai.softnode.platform.Secrets;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import jakarta.validation.Validator;

/** Creates, reads, changes and deletes bots, always within the caller's workspace. */
@Service
public class BotManagement {

	private static final Pattern HOST = Pattern.compile(
			"^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?$");

	private final Bots bots;

	private final Validator validator;

	private final BotsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ObjectProvider<PlanLimits> limits;

	private final WorkspaceLock workspaceLock;

	BotManagement(Bots bots, Validator validator, BotsProperties properties, ApplicationEventPublisher events, Clock clock,
			ObjectProvider<PlanLimits> limits, WorkspaceLock workspaceLock) {
		this.bots = bots;
		this.validator = validator;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		this.limits = limits;
		this.workspaceLock = workspaceLock;
	}

	public List<Bot> list(Tenant tenant) {
		return this.bots.all(tenant.workspace());
	}

	/** One page of the workspace's bots, oldest first; {@code page} counts from 0. */
	public List<Bot> list(Tenant tenant, int page, int size) {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page must be >= 0 and size >= 1");
		}
		return this.bots.page(tenant.workspace(), (long) page * size, size);
	}

	/** The bot with {@code id} in the tenant's workspace; 404 when it is not there. */
	public Bot get(Tenant tenant, UUID id) {
		return find(tenant.workspace(), id).orElseThrow(() -> notFound());
	}

	/**
	 * The bot with the id as written in a URL; 404 when it is not there or is no id at all, so a
	 * malformed id answers exactly like a bot of another workspace.
	 */
	public Bot get(Tenant tenant, String id) {
		UUID uuid;
		try {
			uuid = id.length() == 36 ? UUID.fromString(id) : null;
		}
		catch (IllegalArgumentException ex) {
			uuid = null;
		}
		if (uuid == null) {
			throw notFound();
		}
		return get(tenant, uuid);
	}

	public Optional<Bot> find(WorkspaceId workspace, UUID id) {
		return this.bots.find(workspace, id);
	}

	/** The bot a widget embed names; no tenant, since visitors have none. */
	public Optional<Bot> findByPublicId(String publicId) {
		if (publicId == null || publicId.length() > 24 || !publicId.matches("[A-Za-z0-9]+")) {
			return Optional.empty();
		}
		return this.bots.byPublicId(publicId);
	}

	public long count(WorkspaceId workspace) {
		return this.bots.count(workspace);
	}

	/** Every bot's own log retention in days, for the bots that set one (shorter than their workspace's). */
	public java.util.Map<UUID, Integer> retentionOverrides() {
		return this.bots.retentionOverrides();
	}

	/** The models an owner may choose. */
	public List<String> models() {
		return this.properties.models();
	}

	@Transactional
	public Bot create(Tenant tenant, BotSettings settings) {
		tenant.require(Role.ADMIN);
		var clean = validate(settings);
		var maxBots = this.limits.getIfAvailable(() -> PlanLimits.UNLIMITED).maxBots(tenant.workspace());
		if (maxBots != Long.MAX_VALUE) {
			this.workspaceLock.lock(tenant.workspace());
		}
		if (maxBots != Long.MAX_VALUE && this.bots.count(tenant.workspace()) >= maxBots) {
			throw PlanLimits.limitReached("bots", maxBots);
		}
		var now = now();
		var bot = new Bot(UUID.randomUUID(), tenant.workspace(), Secrets.publicId(16), clean, now, now);
		this.bots.insert(bot);
		this.events.publishEvent(Audited.by(tenant, "", "bot.created", bot.name(), null, this.clock.instant()));
		return bot;
	}

	@Transactional
	public Bot update(Tenant tenant, UUID id, BotSettings settings) {
		tenant.require(Role.ADMIN);
		var existing = get(tenant, id);
		var clean = validate(settings);
		var updated = new Bot(existing.id(), existing.workspace(), existing.publicId(), clean, existing.createdAt(), now());
		this.bots.update(updated);
		this.events.publishEvent(Audited.by(tenant, "", "bot.updated", updated.name(), null, this.clock.instant()));
		return updated;
	}

	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(Role.ADMIN);
		var bot = get(tenant, id);
		this.events.publishEvent(new BotDeleted(tenant.workspace(), bot.id()));
		this.bots.delete(tenant.workspace(), bot.id());
		this.events.publishEvent(Audited.by(tenant, "", "bot.deleted", bot.name(), null, this.clock.instant()));
	}

	/** Checks every rule and returns the settings in canonical form, or fails listing every problem. */
	BotSettings validate(BotSettings settings) {
		var violations = new ArrayList<Violation>();
		for (var violation : this.validator.validate(settings)) {
			violations.add(new Violation(fieldOf(violation.getPropertyPath().toString()), violation.getMessage()));
		}
		if (settings.model() != null && !settings.model().isBlank() && !this.properties.models().contains(settings.model())) {
			violations.add(new Violation("model", "Choose one of: " + String.join(", ", this.properties.models()) + "."));
		}
		var domains = new LinkedHashSet<String>();
		if (settings.allowedDomains() != null) {
			for (var entry : settings.allowedDomains()) {
				var domain = normalizeDomain(entry);
				if (domain == null) {
					violations.add(new Violation("allowedDomains", "'" + abbreviate(entry) + "' is not a domain; use forms like example.com or *.example.com."));
				}
				else {
					domains.add(domain);
				}
			}
		}
		if (settings.leadFields() != null) {
			for (var field : settings.leadFields()) {
				if (field == null || !BotSettings.LEAD_FIELDS.contains(field)) {
					violations.add(new Violation("leadFields", "Unknown lead field '" + abbreviate(field) + "'; choose from " + BotSettings.LEAD_FIELDS + "."));
				}
			}
			if (settings.leadCapture() != null && settings.leadCapture() != LeadCaptureMode.OFF && !settings.leadFields().contains("email")) {
				violations.add(new Violation("leadFields", "A lead form must ask for the email address."));
			}
		}
		if (hasControlCharacters(settings.name())) {
			violations.add(new Violation("name", "Remove line breaks and control characters."));
		}
		if (settings.leadQuestionRequired() && blankToNull(settings.leadQuestion()) == null) {
			violations.add(new Violation("leadQuestion", "Write the question, or make it optional."));
		}
		if (settings.leadQuestion() != null && hasControlCharacters(settings.leadQuestion())) {
			violations.add(new Violation("leadQuestion", "Remove line breaks and control characters."));
		}
		if (settings.privacyNoticeRequired() && blankToNull(settings.privacyNotice()) == null) {
			violations.add(new Violation("privacyNotice", "Write the notice visitors accept, or do not ask them to accept one."));
		}
		if (hasControlCharacters(settings.launcherLabel())) {
			violations.add(new Violation("launcherLabel", "Remove line breaks and control characters."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		var questions = settings.suggestedQuestions().stream().map(String::strip).toList();
		var fields = BotSettings.LEAD_FIELDS.stream().filter(settings.leadFields()::contains).toList();
		return new BotSettings(settings.name().strip(), settings.instructions().strip(), settings.model(),
				settings.temperature().setScale(2, RoundingMode.HALF_UP), settings.greeting().strip(), questions,
				settings.fallbackMessage().strip(), settings.accentColor().toLowerCase(Locale.ROOT), settings.position(),
				settings.launcherLabel().strip(), blankToNull(settings.avatarUrl()), List.copyOf(domains), settings.leadCapture(),
				settings.leadAfterMessages(), fields.isEmpty() ? List.of("email") : fields, settings.retentionDays(),
				settings.maxAnswerTokens(), settings.dailyTokenBudget(), settings.redactPersonalData(), settings.enabled(),
				blankToNull(settings.leadQuestion()), settings.leadQuestionRequired(), blankToNull(settings.privacyNotice()),
				settings.privacyNoticeRequired(), settings.redactStoredLog());
	}

	/**
	 * {@code https://Shop.Example.com/path?q} → {@code shop.example.com}; {@code null} when not a
	 * domain. A wildcard must keep at least two labels ({@code *.example.com}, never {@code *.com})
	 * and a port must exist ({@code 1}–{@code 65535}).
	 */
	static String normalizeDomain(String entry) {
		if (entry == null) {
			return null;
		}
		var text = entry.strip().toLowerCase(Locale.ROOT);
		text = text.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
		var end = indexOfAny(text, "/?#");
		if (end >= 0) {
			text = text.substring(0, end);
		}
		var port = "";
		var colon = text.lastIndexOf(':');
		if (colon >= 0) {
			port = text.substring(colon);
			text = text.substring(0, colon);
		}
		if (text.endsWith(".")) {
			text = text.substring(0, text.length() - 1);
		}
		var wildcard = text.startsWith("*.");
		try {
			var ascii = IDN.toASCII(wildcard ? text.substring(2) : text, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			if (wildcard && !ascii.contains(".")) {
				return null;
			}
			text = (wildcard ? "*." : "") + ascii + port;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (text.length() > 253 || !HOST.matcher(text).matches()) {
			return null;
		}
		if (!port.isEmpty()) {
			var number = Integer.parseInt(port.substring(1));
			if (number < 1 || number > 65535) {
				return null;
			}
		}
		return text;
	}

	private static int indexOfAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	private static boolean hasControlCharacters(String text) {
		return text != null && text.chars().anyMatch(Character::isISOControl);
	}

	private static String fieldOf(String path) {
		var bracket = path.indexOf('[');
		return bracket > 0 ? path.substring(0, bracket) : path;
	}

	private static String abbreviate(String text) {
		if (text == null) {
			return "(empty)";
		}
		return text.length() <= 40 ? text : text.substring(0, 37) + "...";
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** Now, at the precision the database keeps, so a bot reads back exactly as it was returned. */
	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS);
	}

	private static Problem notFound() {
		return Problem.notFound("bot_not_found", "No bot with this id in your workspace.");
	}

}
