package ai.softnode.bots;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ai.softnode.platform.WorkspaceId;

/**
 * The {@code bots_bot} table; lists are stored as newline-separated text.
 * <p>
 * Bots looked up by public id (every visitor request names one) are kept for
 * {@value #PUBLIC_ID_CACHE_MILLIS} ms: changes made through this node are seen at once, changes made
 * on another node of a cluster within that time.
 */
@Repository
class Bots {

	static final long PUBLIC_ID_CACHE_MILLIS = 2000;

	private static final int PUBLIC_ID_CACHE_SIZE = 10_000;

	private final JdbcClient jdbc;

	private final Map<String, Cached> byPublicId = new ConcurrentHashMap<>();

	private record Cached(Bot bot, long until) {
	}

	Bots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Bot> all(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT * FROM bots_bot WHERE workspace_id = :ws ORDER BY created_at, name, id")
			.param("ws", workspace.value()).query(Bots::map).list();
	}

	List<Bot> page(WorkspaceId workspace, long offset, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM bots_bot WHERE workspace_id = :ws ORDER BY created_at, name, id
				OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY""")
			.param("ws", workspace.value()).param("offset", offset).param("limit", limit).query(Bots::map).list();
	}

	Optional<Bot> find(WorkspaceId workspace, UUID id) {
		return this.jdbc.sql("SELECT * FROM bots_bot WHERE workspace_id = :ws AND id = :id")
			.param("ws", workspace.value()).param("id", id).query(Bots::map).optional();
	}

	Optional<Bot> byPublicId(String publicId) {
		var now = System.nanoTime();
		var cached = this.byPublicId.get(publicId);
		if (cached != null && now - cached.until() < 0) {
			return Optional.of(cached.bot());
		}
		var bot = this.jdbc.sql("SELECT * FROM bots_bot WHERE public_id = :pid").param("pid", publicId).query(Bots::map).optional();
		bot.ifPresent(found -> {
			if (this.byPublicId.size() >= PUBLIC_ID_CACHE_SIZE) {
				this.byPublicId.clear();
			}
			this.byPublicId.put(publicId, new Cached(found, now + TimeUnit.MILLISECONDS.toNanos(PUBLIC_ID_CACHE_MILLIS)));
		});
		return bot;
	}

	/**
	 * Forgets cached bots after a change (all of them: a workspace's bots may be erased together), now
	 * and again once the change's transaction has ended, so a lookup in between cannot keep the old row.
	 */
	void forgetCached() {
		this.byPublicId.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					Bots.this.byPublicId.clear();
				}
			});
		}
	}

	long count(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT COUNT(*) FROM bots_bot WHERE workspace_id = :ws").param("ws", workspace.value())
			.query(Long.class).single();
	}

	java.util.Map<UUID, Integer> retentionOverrides() {
		var overrides = new java.util.HashMap<UUID, Integer>();
		this.jdbc.sql("SELECT id, retention_days FROM bots_bot WHERE retention_days IS NOT NULL")
			.query((rs, n) -> overrides.put(rs.getObject("id", UUID.class), rs.getInt("retention_days")))
			.list();
		return overrides;
	}

	void insert(Bot bot) {
		this.jdbc.sql("""
				INSERT INTO bots_bot (id, workspace_id, public_id, name, instructions, model, temperature, greeting, suggested_questions,
				    fallback_message, accent_color, position, launcher_label, avatar_url, allowed_domains, lead_capture,
				    lead_after_messages, lead_fields, retention_days, max_answer_tokens, daily_token_budget, redact_personal, enabled,
				    lead_question, lead_question_required, privacy_notice, privacy_notice_required, redact_stored_log, created_at, updated_at)
				VALUES (:id, :ws, :pid, :name, :instructions, :model, :temperature, :greeting, :questions, :fallback, :accent,
				    :position, :label, :avatar, :domains, :lead, :leadAfter, :leadFields, :retention, :maxTokens, :budget, :redact,
				    :enabled, :leadQuestion, :leadQuestionRequired, :notice, :noticeRequired, :redactStored, :created, :updated)""")
			.params(params(bot))
			.update();
		forgetCached();
	}

	int update(Bot bot) {
		var updated = this.jdbc.sql("""
				UPDATE bots_bot SET name = :name, instructions = :instructions, model = :model, temperature = :temperature,
				    greeting = :greeting, suggested_questions = :questions, fallback_message = :fallback, accent_color = :accent,
				    position = :position, launcher_label = :label, avatar_url = :avatar, allowed_domains = :domains,
				    lead_capture = :lead, lead_after_messages = :leadAfter, lead_fields = :leadFields, retention_days = :retention,
				    max_answer_tokens = :maxTokens, daily_token_budget = :budget, redact_personal = :redact, enabled = :enabled,
				    lead_question = :leadQuestion, lead_question_required = :leadQuestionRequired, privacy_notice = :notice,
				    privacy_notice_required = :noticeRequired, redact_stored_log = :redactStored, updated_at = :updated
				WHERE id = :id AND workspace_id = :ws""")
			.params(params(bot))
			.update();
		forgetCached();
		return updated;
	}

	int delete(WorkspaceId workspace, UUID id) {
		var deleted = this.jdbc.sql("DELETE FROM bots_bot WHERE workspace_id = :ws AND id = :id")
			.param("ws", workspace.value()).param("id", id).update();
		forgetCached();
		return deleted;
	}

	private static java.util.Map<String, Object> params(Bot bot) {
		var s = bot.settings();
		var map = new java.util.HashMap<String, Object>();
		map.put("id", bot.id());
		map.put("ws", bot.workspace().value());
		map.put("pid", bot.publicId());
		map.put("name", s.name());
		map.put("instructions", s.instructions());
		map.put("model", s.model());
		map.put("temperature", s.temperature());
		map.put("greeting", s.greeting());
		map.put("questions", String.join("\n", s.suggestedQuestions()));
		map.put("fallback", s.fallbackMessage());
		map.put("accent", s.accentColor());
		map.put("position", s.position());
		map.put("label", s.launcherLabel());
		map.put("avatar", s.avatarUrl());
		map.put("domains", String.join("\n", s.allowedDomains()));
		map.put("lead", s.leadCapture().name());
		map.put("leadAfter", s.leadAfterMessages());
		map.put("leadFields", String.join(",", s.leadFields()));
		map.put("retention", s.retentionDays());
		map.put("maxTokens", s.maxAnswerTokens());
		map.put("budget", s.dailyTokenBudget());
		map.put("redact", s.redactPersonalData());
		map.put("enabled", s.enabled());
		map.put("leadQuestion", s.leadQuestion());
		map.put("leadQuestionRequired", s.leadQuestionRequired());
		map.put("notice", s.privacyNotice());
		map.put("noticeRequired", s.privacyNoticeRequired());
		map.put("redactStored", s.redactStoredLog());
		map.put("created", bot.createdAt());
		map.put("updated", bot.updatedAt());
		return map;
	}

	static Bot map(ResultSet rs, int row) throws SQLException {
		var retention = rs.getObject("retention_days", Integer.class);
		var settings = new BotSettings(rs.getString("name"), rs.getString("instructions"), rs.getString("model"),
				rs.getBigDecimal("temperature").setScale(2, java.math.RoundingMode.HALF_UP), rs.getString("greeting"),
				lines(rs.getString("suggested_questions"), "\n"), rs.getString("fallback_message"), rs.getString("accent_color"),
				rs.getString("position"), rs.getString("launcher_label"), rs.getString("avatar_url"),
				lines(rs.getString("allowed_domains"), "\n"), LeadCaptureMode.valueOf(rs.getString("lead_capture")),
				rs.getInt("lead_after_messages"), lines(rs.getString("lead_fields"), ","), retention,
				rs.getInt("max_answer_tokens"), rs.getLong("daily_token_budget"), rs.getBoolean("redact_personal"),
				rs.getBoolean("enabled"), rs.getString("lead_question"), rs.getBoolean("lead_question_required"),
				rs.getString("privacy_notice"), rs.getBoolean("privacy_notice_required"), rs.getBoolean("redact_stored_log"));
		return new Bot(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				rs.getString("public_id"), settings, rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	private static List<String> lines(String text, String separator) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}


}
