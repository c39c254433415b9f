package ai.softnode.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.platform.WorkspaceId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code chat_conversation} and {@code chat_message} tables. Every query names the workspace or the token. */
@Repository
class ChatStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String INSERT_ANSWER = """
			INSERT INTO chat_message (id, conversation_id, workspace_id, bot_id, role, text, created_at, status, reply_to, sources,
			    answered, provider, model, input_tokens, output_tokens, cache_read_tokens, first_token_ms, total_ms, error_code)
			VALUES (:id, :conversation, :ws, :bot, 'assistant', :text, :at, :status, :reply, :sources, :answered, :provider, :model,
			    :input, :output, :cache, :first, :total, :error)""";

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	ChatStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	record Conversation(UUID id, WorkspaceId workspace, UUID botId, UUID visitorId, String channel, OffsetDateTime startedAt,
			OffsetDateTime lastMessageAt, int messageCount, @Nullable String pageUrl, @Nullable String referrer,
			@Nullable String country, @Nullable String utmSource) {
	}

	void insertConversation(Conversation c, String tokenHash, @Nullable String locale) {
		this.jdbc.sql("""
				INSERT INTO chat_conversation (id, workspace_id, bot_id, visitor_id, visitor_token_hash, channel, started_at,
				    last_message_at, message_count, page_url, referrer, locale, country, utm_source)
				VALUES (:id, :ws, :bot, :visitor, :hash, :channel, :at, :at, 0, :page, :referrer, :locale, :country, :utm)""")
			.param("id", c.id()).param("ws", c.workspace().value()).param("bot", c.botId()).param("visitor", c.visitorId())
			.param("hash", tokenHash).param("channel", c.channel()).param("at", c.startedAt()).param("page", c.pageUrl())
			.param("referrer", c.referrer()).param("locale", locale).param("country", c.country()).param("utm", c.utmSource())
			.update();
	}

	Optional<Conversation> byToken(String tokenHash) {
		return this.jdbc.sql("SELECT * FROM chat_conversation WHERE visitor_token_hash = :hash").param("hash", tokenHash)
			.query(ChatStore::conversation).optional();
	}

	Optional<Conversation> find(WorkspaceId workspace, UUID id) {
		return this.jdbc.sql("SELECT * FROM chat_conversation WHERE workspace_id = :ws AND id = :id")
			.param("ws", workspace.value()).param("id", id).query(ChatStore::conversation).optional();
	}

	void touch(UUID conversationId, OffsetDateTime at, int addedMessages) {
		this.jdbc.sql("UPDATE chat_conversation SET last_message_at = :at, message_count = message_count + :n WHERE id = :id")
			.param("at", at).param("n", addedMessages).param("id", conversationId).update();
	}

	record StoredMessage(UUID id, String role, String text, OffsetDateTime createdAt, String status, @Nullable String clientMessageId,
			@Nullable UUID replyTo, List<SourceRef> sources, @Nullable Boolean answered, @Nullable String feedback,
			@Nullable Integer firstTokenMs, @Nullable Integer totalMs, int inputTokens, int outputTokens, @Nullable String model,
			@Nullable String errorCode) {

		MessageView view() {
			return new MessageView(this.id, this.role, this.text, this.createdAt, this.status, this.sources, this.feedback,
					this.answered, this.firstTokenMs, this.totalMs, this.inputTokens, this.outputTokens, this.model, this.errorCode);
		}

	}

	void insertQuestion(UUID id, Conversation c, String text, @Nullable String clientMessageId, OffsetDateTime at) {
		this.jdbc.sql("""
				INSERT INTO chat_message (id, conversation_id, workspace_id, bot_id, role, text, created_at, status, client_message_id)
				VALUES (:id, :conversation, :ws, :bot, 'visitor', :text, :at, 'received', :client)""")
			.param("id", id).param("conversation", c.id()).param("ws", c.workspace().value()).param("bot", c.botId())
			.param("text", text).param("at", at).param("client", clientMessageId)
			.update();
	}

	record Answer(UUID id, UUID replyTo, String text, String status, List<SourceRef> sources, boolean answered,
			@Nullable String provider, @Nullable String model, int inputTokens, int outputTokens, int cacheReadTokens,
			@Nullable Integer firstTokenMs, @Nullable Integer totalMs, @Nullable String errorCode) {
	}

	/** An answer to store, with its conversation and when it was given. */
	record NewAnswer(Answer answer, Conversation conversation, OffsetDateTime at) {

		long tokens() {
			return (long) this.answer.inputTokens() + this.answer.outputTokens();
		}

	}

	/** Inserts answers in one round trip (a JDBC batch). */
	void insertAnswers(List<NewAnswer> answers) {
		this.batch.batchUpdate(INSERT_ANSWER, answers.stream().map(ChatStore::answerRow).toArray(SqlParameterSource[]::new));
	}

	private static SqlParameterSource answerRow(NewAnswer answer) {
		var a = answer.answer();
		var c = answer.conversation();
		return new MapSqlParameterSource().addValue("id", a.id()).addValue("conversation", c.id()).addValue("ws", c.workspace().value())
			.addValue("bot", c.botId()).addValue("text", a.text()).addValue("at", answer.at()).addValue("status", a.status())
			.addValue("reply", a.replyTo()).addValue("sources", JSON.writeValueAsString(a.sources())).addValue("answered", a.answered())
			.addValue("provider", a.provider()).addValue("model", a.model()).addValue("input", a.inputTokens())
			.addValue("output", a.outputTokens()).addValue("cache", a.cacheReadTokens()).addValue("first", a.firstTokenMs())
			.addValue("total", a.totalMs()).addValue("error", a.errorCode());
	}

	Optional<StoredMessage> questionByClientId(UUID conversationId, String clientMessageId) {
		return this.jdbc.sql("SELECT * FROM chat_message WHERE conversation_id = :c AND client_message_id = :client AND role = 'visitor'")
			.param("c", conversationId).param("client", clientMessageId).query(ChatStore::message).optional();
	}

	Optional<StoredMessage> answerTo(UUID conversationId, UUID questionId) {
		return this.jdbc.sql("SELECT * FROM chat_message WHERE conversation_id = :c AND reply_to = :q AND role = 'assistant'")
			.param("c", conversationId).param("q", questionId).query(ChatStore::message).optional();
	}

	List<StoredMessage> messages(UUID conversationId) {
		return this.jdbc.sql("SELECT * FROM chat_message WHERE conversation_id = :c ORDER BY created_at, role DESC")
			.param("c", conversationId).query(ChatStore::message).list();
	}

	int visitorMessageCount(UUID conversationId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM chat_message WHERE conversation_id = :c AND role = 'visitor'")
			.param("c", conversationId).query(Integer.class).single();
	}

	/** Tokens a bot spent since the start of the UTC day. */
	long tokensToday(UUID botId, OffsetDateTime now) {
		return this.jdbc.sql("SELECT tokens FROM chat_bot_usage WHERE bot_id = :bot AND usage_day = :day")
			.param("bot", botId).param("day", LocalDate.ofInstant(now.toInstant(), ZoneOffset.UTC))
			.query(Long.class).optional().orElse(0L);
	}

	/**
	 * Adds answers of one bot to its tokens of their day: per day one {@code UPDATE}, and only when
	 * the day has no row yet an {@code INSERT … ON CONFLICT DO NOTHING} (no failing statement, so no aborted transaction when two
	 * first answers race; H2 answers a conflict with an exception internally, which every answer
	 * would pay for) and the {@code UPDATE} again. Both behave the same on H2 and PostgreSQL.
	 */
	void addUsage(List<NewAnswer> answers) {
		var tokensByDay = new TreeMap<LocalDate, Long>();
		for (var answer : answers) {
			tokensByDay.merge(LocalDate.ofInstant(answer.at().toInstant(), ZoneOffset.UTC), answer.tokens(), Long::sum);
		}
		var conversation = answers.get(0).conversation();
		tokensByDay.forEach((day, tokens) -> addUsage(conversation.workspace(), conversation.botId(), day, tokens));
	}

	private void addUsage(WorkspaceId workspace, UUID botId, LocalDate day, long tokens) {
		if (tokens <= 0) {
			return;
		}
		if (addTokens(botId, day, tokens) > 0) {
			return;
		}
		this.jdbc.sql("""
				INSERT INTO chat_bot_usage (bot_id, usage_day, workspace_id, tokens) VALUES (:bot, :day, :ws, 0)
				ON CONFLICT DO NOTHING""")
			.param("bot", botId).param("day", day).param("ws", workspace.value()).update();
		addTokens(botId, day, tokens);
	}

	private int addTokens(UUID botId, LocalDate day, long tokens) {
		return this.jdbc.sql("UPDATE chat_bot_usage SET tokens = tokens + :tokens WHERE bot_id = :bot AND usage_day = :day")
			.param("tokens", tokens).param("bot", botId).param("day", day).update();
	}

	int setFeedback(UUID conversationId, UUID messageId, String rating, OffsetDateTime at) {
		return this.jdbc.sql("""
				UPDATE chat_message SET feedback = :rating, feedback_at = :at
				WHERE id = :id AND conversation_id = :c AND role = 'assistant'""")
			.param("rating", rating).param("at", at).param("id", messageId).param("c", conversationId).update();
	}

	PageOf<ConversationSummary> list(WorkspaceId workspace, @Nullable UUID botId, @Nullable OffsetDateTime from,
			@Nullable OffsetDateTime to, @Nullable String query, int page, int size) {
		var where = new StringBuilder("c.workspace_id = :ws");
		var params = new java.util.HashMap<String, Object>();
		params.put("ws", workspace.value());
		if (botId != null) {
			where.append(" AND c.bot_id = :bot");
			params.put("bot", botId);
		}
		if (from != null) {
			where.append(" AND c.last_message_at >= :from");
			params.put("from", from);
		}
		if (to != null) {
			where.append(" AND c.started_at < :to");
			params.put("to", to);
		}
		if (query != null && !query.isBlank()) {
			where.append(" AND EXISTS (SELECT 1 FROM chat_message m WHERE m.conversation_id = c.id AND m.text ILIKE :q ESCAPE '\\')");
			params.put("q", "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		var total = this.jdbc.sql("SELECT COUNT(*) FROM chat_conversation c WHERE " + where).params(params).query(Long.class).single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		var items = this.jdbc.sql("""
				SELECT c.*, (SELECT m.text FROM chat_message m WHERE m.conversation_id = c.id AND m.role = 'visitor'
				             ORDER BY m.created_at FETCH FIRST 1 ROWS ONLY) AS first_question
				FROM chat_conversation c WHERE %s ORDER BY c.last_message_at DESC, c.id
				OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY""".formatted(where))
			.params(params)
			.query((rs, n) -> {
				var c = conversation(rs, n);
				var first = rs.getString("first_question");
				return new ConversationSummary(c.id(), c.botId(), c.startedAt(), c.lastMessageAt(), c.visitorId(), c.messageCount(),
						c.country(), c.referrer(), c.utmSource(), c.pageUrl(), c.channel(), first == null ? "" : first);
			})
			.list();
		return new PageOf<>(items, page, size, total);
	}

	/** Deletes conversations by id within a workspace; messages go with them (cascade). */
	int delete(WorkspaceId workspace, List<UUID> ids) {
		int deleted = 0;
		for (var id : ids) {
			deleted += this.jdbc.sql("DELETE FROM chat_conversation WHERE workspace_id = :ws AND id = :id")
				.param("ws", workspace.value()).param("id", id).update();
		}
		return deleted;
	}

	List<UUID> conversationsOfVisitor(WorkspaceId workspace, UUID visitorId) {
		return this.jdbc.sql("SELECT id FROM chat_conversation WHERE workspace_id = :ws AND visitor_id = :v")
			.param("ws", workspace.value()).param("v", visitorId).query(UUID.class).list();
	}

	List<UUID> conversationsOfBot(WorkspaceId workspace, UUID botId) {
		return this.jdbc.sql("SELECT id FROM chat_conversation WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", workspace.value()).param("bot", botId).query(UUID.class).list();
	}

	static Conversation conversation(ResultSet rs, int n) throws SQLException {
		return new Conversation(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
				rs.getObject("bot_id", UUID.class), rs.getObject("visitor_id", UUID.class), rs.getString("channel"),
				rs.getObject("started_at", OffsetDateTime.class), rs.getObject("last_message_at", OffsetDateTime.class),
				rs.getInt("message_count"), rs.getString("page_url"), rs.getString("referrer"), rs.getString("country"),
				rs.getString("utm_source"));
	}

	static StoredMessage message(ResultSet rs, int n) throws SQLException {
		var sources = rs.getString("sources");
		return new StoredMessage(rs.getObject("id", UUID.class), rs.getString("role"), rs.getString("text"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getString("status"), rs.getString("client_message_id"),
				rs.getObject("reply_to", UUID.class),
				sources == null ? List.of() : JSON.readValue(sources, new TypeReference<List<SourceRef>>() {
				}), rs.getObject("answered", Boolean.class), rs.getString("feedback"),
				rs.getObject("first_token_ms", Integer.class), rs.getObject("total_ms", Integer.class), rs.getInt("input_tokens"),
				rs.getInt("output_tokens"), rs.getString("model"), rs.getString("error_code"));
	}


}
