package ai.softnode.bots;

import java.math.RoundingMode;
import java.net.IDN;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

	BotManagement(Bots bots, Validator validator, BotsProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.bots = bots;
		this.validator = validator;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	public List<Bot> list(Tenant tenant) {
		return this.bots.all(tenant.workspace());
	}

	/** The bot with {@code id} in the tenant's workspace; 404 when it is not there. */
	public Bot get(Tenant tenant, UUID id) {
		return find(tenant.workspace(), id).orElseThrow(() -> notFound());
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

	/** The models an owner may choose. */
	public List<String> models() {
		return this.properties.models();
	}

	@Transactional
	public Bot create(Tenant tenant, BotSettings settings) {
		tenant.require(Role.ADMIN);
		var clean = validate(settings);
		var now = OffsetDateTime.now(this.clock);
		var bot = new Bot(UUID.randomUUID(), tenant.workspace(), Secrets.publicId(16), clean, now, now);
		this.bots.insert(bot);
		return bot;
	}

	@Transactional
	public Bot update(Tenant tenant, UUID id, BotSettings settings) {
		tenant.require(Role.ADMIN);
		var existing = get(tenant, id);
		var clean = validate(settings);
		var updated = new Bot(existing.id(), existing.workspace(), existing.publicId(), clean, existing.createdAt(),
				OffsetDateTime.now(this.clock));
		this.bots.update(updated);
		return updated;
	}

	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(Role.ADMIN);
		var bot = get(tenant, id);
		this.events.publishEvent(new BotDeleted(tenant.workspace(), bot.id()));
		this.bots.delete(tenant.workspace(), bot.id());
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
				if (!BotSettings.LEAD_FIELDS.contains(field)) {
					violations.add(new Violation("leadFields", "Unknown lead field '" + abbreviate(field) + "'; choose from " + BotSettings.LEAD_FIELDS + "."));
				}
			}
			if (settings.leadCapture() != null && settings.leadCapture() != LeadCaptureMode.OFF && !settings.leadFields().contains("email")) {
				violations.add(new Violation("leadFields", "A lead form must ask for the email address."));
			}
		}
		for (var text : new String[] { settings.name(), settings.launcherLabel() }) {
			if (text != null && text.chars().anyMatch(Character::isISOControl)) {
				violations.add(new Violation(text == settings.name() ? "name" : "launcherLabel", "Remove line breaks and control characters."));
			}
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
				settings.maxAnswerTokens(), settings.dailyTokenBudget(), settings.redactPersonalData(), settings.enabled());
	}

	/** {@code https://Shop.Example.com/path} → {@code shop.example.com}; {@code null} when not a domain. */
	static String normalizeDomain(String entry) {
		if (entry == null) {
			return null;
		}
		var text = entry.strip().toLowerCase(Locale.ROOT);
		text = text.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
		var slash = text.indexOf('/');
		if (slash >= 0) {
			text = text.substring(0, slash);
		}
		if (text.endsWith(".")) {
			text = text.substring(0, text.length() - 1);
		}
		try {
			var wildcard = text.startsWith("*.");
			var ascii = IDN.toASCII(wildcard ? text.substring(2) : text, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			text = (wildcard ? "*." : "") + ascii;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return text.length() <= 253 && HOST.matcher(text).matches() ? text : null;
	}

	private static String fieldOf(String path) {
		var bracket = path.indexOf('[');
		return bracket > 0 ? path.substring(0, bracket) : path;
	}

	private static String abbreviate(String text) {
		return text.length() <= 40 ? text : text.substring(0, 37) + "...";
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static Problem notFound() {
		return Problem.notFound("bot_not_found", "No bot with this id in your workspace.");
	}

}
