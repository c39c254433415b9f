package ai.softnode.visitors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.bots.Bot;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Problem.Violation;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;

/** Leads: capturing them from the widget with consent, listing, correcting and deleting them. */
@Service
public class LeadManagement {

	static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>()\\[\\],;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	static final Pattern PHONE = Pattern.compile("[+0-9 ()./-]{5,40}");

	private static final String COLUMNS = "id, bot_id, conversation_id, name, email, phone, company, country, consent_given, consent_text, consent_version, consent_at, question, answer, created_at, updated_at";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LeadNotifications notifications;

	LeadManagement(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, LeadNotifications notifications) {
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** The consent sentence used until the owner writes their own. */
	static String defaultConsentText(Bot bot) {
		return "I agree that " + bot.name() + " stores these contact details and contacts me about my request.";
	}

	/** The lead form settings of {@code bot}: consent wording, privacy policy link and who is notified. */
	public LeadSettings settings(Bot bot) {
		var row = this.jdbc.sql("SELECT consent_text, privacy_url FROM visitors_lead_settings WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", bot.workspace().value()).param("bot", bot.id())
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
		var notify = new java.util.LinkedHashSet<>(this.jdbc.sql("SELECT user_id FROM visitors_lead_recipient WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", bot.workspace().value()).param("bot", bot.id()).query(UUID.class).list());
		var text = row.map(r -> r[0]).filter(t -> !t.isBlank()).orElseGet(() -> defaultConsentText(bot));
		return new LeadSettings(text, row.map(r -> r[1]).orElse(null), notify);
	}

	/**
	 * Changes {@code bot}'s lead form settings (ADMIN). A blank consent text restores the default;
	 * only members of the workspace can be notified.
	 */
	@Transactional
	public LeadSettings configure(Tenant tenant, Bot bot, @Nullable String consentText, @Nullable String privacyUrl,
			java.util.Collection<UUID> recipients, java.util.Set<UUID> members) {
		tenant.require(Role.ADMIN);
		if (!bot.workspace().equals(tenant.workspace())) {
			throw Problem.notFound("bot_not_found", "This bot does not exist.");
		}
		var violations = new ArrayList<Violation>();
		var text = blankToNull(consentText);
		var url = blankToNull(privacyUrl);
		if (text != null && text.length() > 1000) {
			violations.add(new Violation("consentText", "Use at most 1,000 characters."));
		}
		if (url != null && (url.length() > 500 || !url.matches("https?://[^\\s\"'<>]+"))) {
			violations.add(new Violation("privacyUrl", "Use an http(s):// address of at most 500 characters."));
		}
		if (!members.containsAll(recipients)) {
			violations.add(new Violation("notifyMembers", "Choose members of this workspace."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		var ws = tenant.workspace().value();
		this.jdbc.sql("DELETE FROM visitors_lead_settings WHERE workspace_id = :ws AND bot_id = :bot").param("ws", ws).param("bot", bot.id()).update();
		this.jdbc.sql("INSERT INTO visitors_lead_settings (bot_id, workspace_id, consent_text, privacy_url) VALUES (:bot, :ws, :text, :url)")
			.param("bot", bot.id()).param("ws", ws).param("text", text).param("url", url).update();
		this.jdbc.sql("DELETE FROM visitors_lead_recipient WHERE workspace_id = :ws AND bot_id = :bot").param("ws", ws).param("bot", bot.id()).update();
		for (var user : new java.util.LinkedHashSet<>(recipients)) {
			this.jdbc.sql("INSERT INTO visitors_lead_recipient (bot_id, workspace_id, user_id) VALUES (:bot, :ws, :user)")
				.param("bot", bot.id()).param("ws", ws).param("user", user).update();
		}
		return settings(bot);
	}

	/** A short, stable version of a consent text: the same wording always has the same version. */
	static String consentVersion(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stores the contact details a visitor left in {@code conversationId}, with the consent text of
	 * {@code bot} and the time. A second submission from the same conversation corrects the first.
	 * Invalid input is refused as a whole, field by field; nothing is stored then.
	 */
	@Transactional
	public Lead capture(Bot bot, UUID conversationId, UUID visitorId, @Nullable String country, LeadForm form) {
		var question = bot.settings().leadQuestion();
		var clean = validate(form, true, question, bot.settings().leadQuestionRequired());
		var now = OffsetDateTime.now(this.clock);
		var settings = settings(bot);
		var text = settings.consentText();
		var existing = this.jdbc.sql("SELECT id FROM visitors_lead WHERE workspace_id = :ws AND conversation_id = :c")
			.param("ws", bot.workspace().value()).param("c", conversationId).query(UUID.class).optional();
		if (existing.isPresent()) {
			this.jdbc.sql("""
					UPDATE visitors_lead SET name = :name, email = :email, phone = :phone, company = :company, consent_given = TRUE,
					    consent_text = :text, consent_version = :version, consent_at = :now, question = :question, answer = :answer,
					    updated_at = :now
					WHERE workspace_id = :ws AND id = :id""")
				.param("name", clean.name()).param("email", clean.email()).param("phone", clean.phone()).param("company", clean.company())
				.param("question", question).param("answer", clean.answer())
				.param("text", text).param("version", consentVersion(text)).param("now", now)
				.param("ws", bot.workspace().value()).param("id", existing.get()).update();
			return find(bot.workspace(), existing.get()).orElseThrow();
		}
		var id = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO visitors_lead (" + COLUMNS + ", workspace_id, visitor_id) VALUES (:id, :bot, :c, :name, :email, :phone,"
				+ " :company, :country, TRUE, :text, :version, :now, :question, :answer, :now, :now, :ws, :visitor)")
			.param("question", question).param("answer", clean.answer())
			.param("id", id).param("bot", bot.id()).param("c", conversationId).param("name", clean.name()).param("email", clean.email())
			.param("phone", clean.phone()).param("company", clean.company()).param("country", country).param("text", text)
			.param("version", consentVersion(text)).param("now", now).param("ws", bot.workspace().value()).param("visitor", visitorId)
			.update();
		this.events.publishEvent(new LeadCaptured(bot.workspace(), bot.id(), id, conversationId, now));
		var lead = find(bot.workspace(), id).orElseThrow();
		if (!settings.recipients().isEmpty()) {
			this.notifications.newLead(bot, lead, settings.recipients());
		}
		return lead;
	}

	/** Leads of the workspace (or of one bot), newest first, filtered by creation day range and text. */
	public LeadPage list(Tenant tenant, @Nullable UUID botId, @Nullable OffsetDateTime from, @Nullable OffsetDateTime to,
			@Nullable String query, int page, int size) {
		var where = new StringBuilder(" WHERE workspace_id = :ws");
		var params = new java.util.HashMap<String, Object>();
		params.put("ws", tenant.workspace().value());
		if (botId != null) {
			where.append(" AND bot_id = :bot");
			params.put("bot", botId);
		}
		if (from != null) {
			where.append(" AND created_at >= :from");
			params.put("from", from);
		}
		if (to != null) {
			where.append(" AND created_at < :to");
			params.put("to", to);
		}
		if (query != null && !query.isBlank()) {
			where.append(" AND (name ILIKE :q OR email ILIKE :q OR phone ILIKE :q OR company ILIKE :q OR answer ILIKE :q)");
			params.put("q", "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		var total = this.jdbc.sql("SELECT COUNT(*) FROM visitors_lead" + where).params(params).query(Long.class).single();
		var items = this.jdbc.sql("SELECT " + COLUMNS + " FROM visitors_lead" + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
			.params(params).param("limit", size).param("offset", (long) page * size).query(LeadManagement::lead).list();
		return new LeadPage(items, page, size, total);
	}

	/** One lead of the tenant's workspace; 404 otherwise. */
	public Lead get(Tenant tenant, UUID id) {
		return find(tenant.workspace(), id).orElseThrow(() -> Problem.notFound("lead_not_found", "This lead does not exist."));
	}

	/** Corrects a lead's contact details and answer (the consent record and the question stay as given). */
	@Transactional
	public Lead correct(Tenant tenant, UUID id, LeadForm form) {
		tenant.require(Role.AGENT);
		var lead = get(tenant, id);
		var clean = validate(form, false, lead.question(), false);
		this.jdbc.sql("UPDATE visitors_lead SET name = :name, email = :email, phone = :phone, company = :company, answer = :answer,"
				+ " updated_at = :now WHERE workspace_id = :ws AND id = :id")
			.param("name", clean.name()).param("email", clean.email()).param("phone", clean.phone()).param("company", clean.company())
			.param("answer", clean.answer())
			.param("now", OffsetDateTime.now(this.clock)).param("ws", tenant.workspace().value()).param("id", id).update();
		return get(tenant, id);
	}

	/** Erases every lead a visitor left with {@code workspace}'s bots, when the visitor erases their data. */
	@Transactional
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		return this.jdbc.sql("DELETE FROM visitors_lead WHERE workspace_id = :ws AND visitor_id = :visitor").param("ws", workspace.value())
			.param("visitor", visitorId).update();
	}

	/** Deletes a lead for good. */
	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(Role.ADMIN);
		get(tenant, id);
		this.jdbc.sql("DELETE FROM visitors_lead WHERE workspace_id = :ws AND id = :id").param("ws", tenant.workspace().value())
			.param("id", id).update();
	}

	java.util.Optional<Lead> find(WorkspaceId workspace, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM visitors_lead WHERE workspace_id = :ws AND id = :id")
			.param("ws", workspace.value()).param("id", id).query(LeadManagement::lead).optional();
	}

	private record Clean(@Nullable String name, String email, @Nullable String phone, @Nullable String company,
			@Nullable String answer) {
	}

	/**
	 * Checks every field and reports all problems at once. An answer counts only when there is a
	 * {@code question}; without one, whatever a client sends as answer is dropped.
	 */
	static Clean validate(LeadForm form, boolean consentRequired, @Nullable String question, boolean answerRequired) {
		var violations = new ArrayList<Violation>();
		var name = blankToNull(form.name());
		var email = blankToNull(form.email());
		var phone = blankToNull(form.phone());
		var company = blankToNull(form.company());
		if (name != null && name.length() > 200) {
			violations.add(new Violation("name", "Keep the name under 200 characters."));
		}
		if (email == null) {
			violations.add(new Violation("email", "Enter your email address."));
		}
		else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			violations.add(new Violation("email", "Enter a valid email address, like name@example.com."));
		}
		if (phone != null && !PHONE.matcher(phone).matches()) {
			violations.add(new Violation("phone", "Enter a phone number of 5 to 40 digits, spaces and + ( ) - characters."));
		}
		if (company != null && company.length() > 200) {
			violations.add(new Violation("company", "Keep the company name under 200 characters."));
		}
		var answer = question == null ? null : blankToNull(form.answer());
		if (question != null && answer == null && answerRequired) {
			violations.add(new Violation("answer", "Please answer the question."));
		}
		if (answer != null && answer.length() > 1000) {
			violations.add(new Violation("answer", "Keep your answer under 1,000 characters."));
		}
		if (consentRequired && !Boolean.TRUE.equals(form.consent())) {
			violations.add(new Violation("consent", "Please tick the box to agree that we may store your details."));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		return new Clean(name, email, phone, company, answer);
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	static Lead lead(ResultSet rs, int row) throws SQLException {
		var conversation = rs.getObject("conversation_id", UUID.class);
		return new Lead(rs.getObject("id", UUID.class), rs.getObject("bot_id", UUID.class), conversation, rs.getString("name"),
				rs.getString("email"), rs.getString("phone"), rs.getString("company"), rs.getString("country"),
				new Lead.Consent(rs.getBoolean("consent_given"), rs.getString("consent_text"), rs.getString("consent_version"),
						rs.getObject("consent_at", OffsetDateTime.class)),
				rs.getString("question"), rs.getString("answer"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
	}

	/** Headers of the CSV export. */
	static final List<String> CSV_HEADER = List.of("id", "bot_id", "conversation_id", "created_at", "name", "email", "phone", "company",
			"country", "consent_given", "consent_text", "consent_version", "consent_at", "question", "answer");

}
