package ai.softnode.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.bots.Bot;
import ai.softnode.bots.BotDeleted;
import ai.softnode.bots.BotManagement;
import ai.softnode.chat.ChatStore.Answer;
import ai.softnode.chat.ChatStore.Conversation;
import ai.softnode.chat.ChatStore.NewAnswer;
import ai.softnode.chat.ChatStore.StoredMessage;
import ai.softnode.knowledge.KnowledgeSearch;
import ai.softnode.knowledge.Passage;
import ai.softnode.llm.AnswerRequest;
import ai.softnode.llm.AnswerResult;
import ai.softnode.llm.Answers;
import ai.softnode.llm.ContextPassage;
import ai.softnode.llm.Turn.Speaker;
import ai.softnode.llm.TokenEstimate;
import ai.softnode.llm.Turn;
import ai.softnode.platform.HotRows;
import ai.softnode.platform.Ids;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Secrets;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;

/** Conversations: starting them, answering a turn, reading and erasing them. */
@Service
public class ConversationManagement {

	private static final Logger log = LoggerFactory.getLogger(ConversationManagement.class);

	/** Storing an answer is tried up to four times while no database connection can be had (each waits the pool's timeout). */
	private static final RetryTemplate POOL_EXHAUSTED = new RetryTemplate(
			RetryPolicy.builder().includes(CannotGetJdbcConnectionException.class).maxRetries(3).delay(Duration.ZERO).build());

	static final String FAILED_MESSAGE = "Sorry, something went wrong while answering. Please try again in a moment.";

	private final ChatStore store;

	private final BotManagement bots;

	private final KnowledgeSearch knowledge;

	private final Answers answers;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final ChatProperties properties;

	private final Clock clock;

	private final QuotaBatches quota;

	private final ConcurrentHashMap<UUID, Semaphore> answering = new ConcurrentHashMap<>();

	private final Set<UUID> inFlightQuestions = ConcurrentHashMap.newKeySet();

	private final HotRows hotRows = new HotRows();

	private final TurnStarts turnStarts = new TurnStarts();

	private final Batches<UUID, Finished, @Nullable RuntimeException> finishedAnswers = new Batches<>(
			(bot, answers) -> together(answers, this::storeAnswers));

	ConversationManagement(ChatStore store, BotManagement bots, KnowledgeSearch knowledge, Answers answers,
			TransactionTemplate transactions, ApplicationEventPublisher events, ChatProperties properties, Clock clock,
			org.springframework.beans.factory.ObjectProvider<MessageQuota> quota) {
		this.quota = new QuotaBatches(quota.getIfAvailable(() -> MessageQuota.UNLIMITED));
		this.store = store;
		this.bots = bots;
		this.knowledge = knowledge;
		this.answers = answers;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Starts a conversation with {@code bot}. A visitor who proves a previous conversation with
	 * {@code previousToken} keeps their visitor id; anyone else gets a new one. {@code country} is the
	 * visitor's ISO country code as derived by the caller (never the address it came from).
	 */
	public StartedConversation start(Bot bot, Channel channel, @Nullable String previousToken, @Nullable String pageUrl,
			@Nullable String referrer, @Nullable String locale, @Nullable String utmSource, @Nullable String country) {
		requireEnabled(bot);
		var visitorId = previousToken == null ? null
				: this.store.byToken(Secrets.hash(previousToken)).filter(c -> c.botId().equals(bot.id())).map(Conversation::visitorId).orElse(null);
		var token = "vt_" + Secrets.token(32);
		var now = now();
		var conversation = new Conversation(UUID.randomUUID(), bot.workspace(), bot.id(), visitorId == null ? UUID.randomUUID() : visitorId,
				channel.column(), now, now, 0, clip(pageUrl, 2000), clip(referrer, 2000), country != null && country.matches("[A-Z]{2}") ? country : null,
				clip(utmSource, 200));
		this.hotRows.write(bot.id(), () -> this.transactions.executeWithoutResult(tx -> {
			this.store.insertConversation(conversation, Secrets.hash(token), clip(locale, 35));
			this.events.publishEvent(new ConversationStarted(bot.workspace(), bot.id(), conversation.id(), conversation.visitorId(),
					conversation.pageUrl(), conversation.referrer(), conversation.channel(), now));
		}));
		return new StartedConversation(conversation.id(), conversation.visitorId(), token);
	}

	/** The conversation a visitor token opens; 404 for an unknown conversation, 401 for a wrong token. */
	Conversation authorize(Bot bot, UUID conversationId, @Nullable String token) {
		var conversation = token == null ? null : this.store.byToken(Secrets.hash(token)).orElse(null);
		if (conversation == null || !conversation.botId().equals(bot.id())) {
			throw new Problem(org.springframework.http.HttpStatus.UNAUTHORIZED, "invalid_visitor_token",
					"This conversation has expired. Please start a new one.");
		}
		if (!conversation.id().equals(conversationId)) {
			throw Problem.notFound("conversation_not_found", "This conversation does not exist.");
		}
		return conversation;
	}

	/** The visitor id behind a visitor token of {@code bot}; 401 when the token is unknown. */
	public UUID visitorOf(Bot bot, @Nullable String token) {
		var conversation = token == null ? null : this.store.byToken(Secrets.hash(token)).orElse(null);
		if (conversation == null || !conversation.botId().equals(bot.id())) {
			throw new Problem(org.springframework.http.HttpStatus.UNAUTHORIZED, "invalid_visitor_token",
					"Your chat session has expired.");
		}
		return conversation.visitorId();
	}

	/** The messages a visitor may see of their conversation. */
	public List<MessageView> history(Bot bot, UUID conversationId, @Nullable String token) {
		var conversation = authorize(bot, conversationId, token);
		return this.store.messages(conversation.id()).stream().map(StoredMessage::view).toList();
	}

	/** Whether the visitor behind {@code token} has reached the lead form's trigger; for the widget. */
	public int visitorMessages(Bot bot, UUID conversationId, @Nullable String token) {
		return this.store.visitorMessageCount(authorize(bot, conversationId, token).id());
	}

	/**
	 * Answers one visitor message, reporting progress to {@code listener}. The message is stored
	 * before anything else can fail; the answer is stored whatever happens to the provider.
	 * A repeated {@code clientMessageId} replays the stored answer instead of asking again.
	 */
	public void answer(Bot bot, UUID conversationId, @Nullable String token, String text, @Nullable String clientMessageId,
			TurnListener listener) {
		answer(bot, conversationId, token, text, clientMessageId, visitorId -> {
		}, listener);
	}

	/**
	 * As {@link #answer(Bot, UUID, String, String, String, TurnListener)}; {@code admit} gets the
	 * visitor's id once the token is checked, before anything is stored, and may refuse the message by
	 * throwing (consent, rate limits), so a turn looks its conversation up once.
	 */
	public void answer(Bot bot, UUID conversationId, @Nullable String token, String text, @Nullable String clientMessageId,
			Consumer<UUID> admit, TurnListener listener) {
		requireEnabled(bot);
		// a burst of new messages waits here instead of queueing ahead of the answers already streaming
		try (var start = this.turnStarts.enter()) {
			var conversation = authorize(bot, conversationId, token);
			admit.accept(conversation.visitorId());
			started(bot, conversation, text, clientMessageId, start.releasingOnFirstEvent(listener));
		}
	}

	/** A message to a conversation the caller has looked up (the server-to-server API). */
	void answer(Bot bot, Conversation conversation, String rawText, @Nullable String clientMessageId, TurnListener listener) {
		try (var start = this.turnStarts.enter()) {
			started(bot, conversation, rawText, clientMessageId, start.releasingOnFirstEvent(listener));
		}
	}

	private void started(Bot bot, Conversation conversation, String rawText, @Nullable String clientMessageId, TurnListener listener) {
		var text = rawText == null ? "" : rawText.strip();
		if (text.isEmpty()) {
			throw Problem.invalid("text", "Type a message first.");
		}
		if (text.length() > this.properties.maxQuestionLength()) {
			throw new Problem(org.springframework.http.HttpStatus.BAD_REQUEST, "message_too_long",
					"Your message is too long; please keep it under " + this.properties.maxQuestionLength() + " characters.");
		}
		if (clientMessageId != null && (clientMessageId.length() > 64 || !clientMessageId.matches("[A-Za-z0-9_.:-]+"))) {
			throw Problem.invalid("clientMessageId", "Use up to 64 letters, digits and -_.: characters.");
		}
		var slots = this.answering.computeIfAbsent(conversation.visitorId(), id -> new Semaphore(this.properties.maxConcurrentPerVisitor()));
		if (!slots.tryAcquire()) {
			throw Problem.tooManyRequests("too_many_concurrent", "Please wait for the current answer before asking again.", Duration.ofSeconds(2));
		}
		try {
			turn(bot, conversation, text, clientMessageId, listener);
		}
		finally {
			slots.release();
			var max = this.properties.maxConcurrentPerVisitor();
			this.answering.computeIfPresent(conversation.visitorId(), (id, s) -> s.availablePermits() == max ? null : s);
		}
	}

	private void turn(Bot bot, Conversation conversation, String text, @Nullable String clientMessageId, TurnListener listener) {
		var now = now();
		var question = clientMessageId == null ? null : this.store.questionByClientId(conversation.id(), clientMessageId).orElse(null);
		boolean firstQuestion;
		if (question != null) {
			var previous = this.store.answerTo(conversation.id(), question.id()).orElse(null);
			if (previous != null) {
				listener.user(question.id());
				listener.delta(previous.text());
				listener.done(previous.id(), previous.sources(), Boolean.TRUE.equals(previous.answered()));
				return;
			}
			if (!this.inFlightQuestions.add(question.id())) {
				throw Problem.conflict("already_answering", "This message is already being answered.");
			}
			firstQuestion = this.store.visitorMessageCount(conversation.id()) == 1;
		}
		else {
			// time-ordered: each turn's messages go to the end of chat_message's primary-key index, not into a random page of it
			var id = Ids.timeOrdered();
			// the log may keep only the placeholders; this turn still retrieves and answers with what the visitor typed
			var logged = bot.settings().redactStoredLog() ? Redaction.redact(text) : text;
			try {
				// the answer to come is counted with its question (one is stored whatever the provider does,
				// if only as failed), so a turn updates the conversation's row, and its indexes, once
				this.transactions.executeWithoutResult(tx -> {
					this.store.insertQuestion(id, conversation, logged, clientMessageId, now);
					this.store.touch(conversation.id(), now, 2);
				});
			}
			catch (DuplicateKeyException ex) {
				throw Problem.conflict("already_answering", "This message is already being answered.");
			}
			this.inFlightQuestions.add(id);
			question = new StoredMessage(id, "visitor", text, now, "received", clientMessageId, null, List.of(), null, null, null,
					null, 0, 0, null, null);
			// nothing was said before (as the conversation was read for this message): no history to send
			firstQuestion = conversation.messageCount() == 0;
		}
		try {
			listener.user(question.id());
			respond(bot, conversation, question, firstQuestion, listener);
		}
		finally {
			this.inFlightQuestions.remove(question.id());
		}
	}

	private void respond(Bot bot, Conversation conversation, StoredMessage question, boolean firstQuestion, TurnListener listener) {
		var settings = bot.settings();
		// once per turn: the analytics event always gets it, the model when the bot asks for it
		var asked = Redaction.redact(question.text());
		var budget = settings.dailyTokenBudget();
		if (budget > 0 && this.store.tokensToday(bot.id(), now()) >= budget) {
			var answer = new Answer(Ids.timeOrdered(), question.id(), settings.fallbackMessage(), "fallback", List.of(), false, null, null,
					0, 0, 0, null, null, "daily_budget_exhausted");
			store(conversation, question, asked, answer, 0);
			listener.delta(settings.fallbackMessage());
			listener.done(answer.id(), List.of(), false);
			return;
		}
		if (!this.quota.reserve(bot.workspace())) {
			var answer = new Answer(Ids.timeOrdered(), question.id(), settings.fallbackMessage(), "fallback", List.of(), false, null, null,
					0, 0, 0, null, null, "quota_exhausted");
			store(conversation, question, asked, answer, 0);
			listener.delta(settings.fallbackMessage());
			listener.done(answer.id(), List.of(), false);
			return;
		}
		var passages = retrieve(bot, question.text());
		var request = new AnswerRequest(settings.model(), settings.temperature().doubleValue(), settings.maxAnswerTokens(),
				Prompts.system(bot), passages.stream().map(ConversationManagement::context).toList(),
				history(conversation, question, firstQuestion, settings.redactPersonalData()),
				settings.redactPersonalData() ? asked : question.text(), settings.fallbackMessage());
		var guard = new OutputGuard(Prompts.canary(bot), listener::delta);
		AnswerResult result;
		try {
			result = this.answers.answer(request, guard::accept);
			guard.finish();
		}
		catch (RuntimeException ex) {
			log.warn("Answer of bot {} failed unexpectedly", bot.id(), ex);
			result = null;
		}
		if (result == null) {
			var answer = new Answer(Ids.timeOrdered(), question.id(), "", "failed", List.of(), false, null, null, 0, 0, 0, null, null,
					"internal_error");
			store(conversation, question, asked, answer, -1);
			listener.error("answer_failed", FAILED_MESSAGE);
			return;
		}
		var cited = citedSources(passages, result.citedPassageIds());
		var status = switch (result.status()) {
			case COMPLETE -> "complete";
			case PARTIAL -> "partial";
			case FAILED -> "failed";
			case FALLBACK -> "fallback";
		};
		var answered = result.answered() && !guard.tripped();
		var answer = new Answer(Ids.timeOrdered(), question.id(), guard.text(), status, guard.tripped() ? List.of() : cited,
				answered, result.provider(), result.model(), result.inputTokens(), result.outputTokens(), result.cacheReadTokens(),
				result.firstTokenMillis() < 0 ? null : (int) result.firstTokenMillis(), (int) result.totalMillis(),
				guard.tripped() ? "instructions_withheld" : result.errorCode());
		store(conversation, question, asked, answer, result.firstTokenMillis());
		if (guard.tripped()) {
			listener.error("answer_withheld", OutputGuard.REFUSAL);
		}
		else if ("failed".equals(status) || "partial".equals(status)) {
			listener.error("answer_failed", "partial".equals(status)
					? "The answer was interrupted. Please ask again." : FAILED_MESSAGE);
		}
		else {
			listener.done(answer.id(), answer.sources(), answered);
		}
	}

	/** {@code asked}: the question as the analytics event carries it, redacted (before the answer queues with its bot's others). */
	private void store(Conversation conversation, StoredMessage question, String asked, Answer answer, long firstTokenMillis) {
		var at = now();
		var finished = new Finished(new NewAnswer(answer, conversation, at), new MessageAnswered(conversation.workspace(), conversation.botId(),
				conversation.id(), conversation.visitorId(), question.id(), answer.id(), asked, answer.status(), answer.answered(),
				answer.inputTokens(), answer.outputTokens(), firstTokenMillis, at));
		// the visitor has already read the answer: an overloaded connection pool is waited out rather than the answer lost
		POOL_EXHAUSTED.invoke(() -> {
			var failure = this.finishedAnswers.submit(conversation.botId(), finished);
			if (failure != null) {
				throw failure;
			}
		});
	}

	/**
	 * Writes {@code items} in one transaction; when that fails, each in its own, so one item that
	 * cannot be written (an answer whose conversation was erased meanwhile) does not take the others
	 * with it. One result per item: {@code null} when written.
	 */
	private <T> List<@Nullable RuntimeException> together(List<T> items, Consumer<List<T>> write) {
		if (items.size() > 1) {
			try {
				this.transactions.executeWithoutResult(tx -> write.accept(items));
				return Collections.nCopies(items.size(), null);
			}
			catch (RuntimeException ex) {
				log.warn("Writing {} items together failed; writing each on its own", items.size(), ex);
			}
		}
		var results = new ArrayList<@Nullable RuntimeException>(items.size());
		for (var item : items) {
			try {
				this.transactions.executeWithoutResult(tx -> write.accept(List.of(item)));
				results.add(null);
			}
			catch (RuntimeException ex) {
				results.add(ex);
			}
		}
		return results;
	}

	/** Stores one bot's finished answers, its tokens of the day and their analytics ({@link MessageAnswered}); in a transaction. */
	private void storeAnswers(List<Finished> answers) {
		var stored = answers.stream().map(Finished::stored).toList();
		this.store.insertAnswers(stored);
		this.store.addUsage(stored);
		for (var finished : answers) {
			this.events.publishEvent(finished.event());
		}
	}

	/** An answer the visitor has read, waiting to be stored with its bot's other answers. */
	private record Finished(NewAnswer stored, MessageAnswered event) {
	}

	private List<Passage> retrieve(Bot bot, String question) {
		try {
			return this.knowledge.search(bot.workspace(), bot.id(), question, this.properties.passages());
		}
		catch (RuntimeException ex) {
			log.warn("Knowledge search for bot {} failed; answering without passages", bot.id(), ex);
			return List.of();
		}
	}

	/** Earlier complete turns, newest kept first until the token budget is spent, returned oldest first. */
	private List<Turn> history(Conversation conversation, StoredMessage current, boolean firstQuestion, boolean redact) {
		if (firstQuestion) {
			// nothing but the question itself
			return List.of();
		}
		var messages = this.store.messages(conversation.id());
		var turns = new ArrayList<Turn>();
		int budget = this.properties.historyTokens();
		for (int i = messages.size() - 1; i >= 0; i--) {
			var message = messages.get(i);
			if (message.id().equals(current.id()) || message.text().isBlank()
					|| (!message.role().equals("visitor") && !message.status().equals("complete"))) {
				continue;
			}
			var text = redact && message.role().equals("visitor") ? Redaction.redact(message.text()) : message.text();
			budget -= TokenEstimate.of(text);
			if (budget < 0) {
				break;
			}
			turns.add(new Turn(message.role().equals("visitor") ? Speaker.VISITOR : Speaker.ASSISTANT, text));
		}
		Collections.reverse(turns);
		// The model expects turns to alternate, starting with the visitor.
		var alternating = new ArrayList<Turn>();
		for (var turn : turns) {
			if (alternating.isEmpty() ? turn.speaker() == Speaker.VISITOR : alternating.get(alternating.size() - 1).speaker() != turn.speaker()) {
				alternating.add(turn);
			}
		}
		if (!alternating.isEmpty() && alternating.get(alternating.size() - 1).speaker() == Speaker.VISITOR) {
			alternating.remove(alternating.size() - 1);
		}
		return alternating;
	}

	private static ContextPassage context(Passage passage) {
		return new ContextPassage(passage.id(), passage.title(), passage.url(), passage.text(), passage.question(), passage.score());
	}

	private static List<SourceRef> citedSources(List<Passage> passages, List<String> citedIds) {
		var sources = new LinkedHashMap<String, SourceRef>();
		for (var passage : passages) {
			if (citedIds.contains(passage.id())) {
				var key = passage.url() != null ? passage.url() : passage.title();
				sources.putIfAbsent(key, new SourceRef(passage.title(), safeUrl(passage.url())));
			}
		}
		return List.copyOf(sources.values());
	}

	private static @Nullable String safeUrl(@Nullable String url) {
		return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
	}

	/** Records a visitor's thumbs up or down on an answer of their own conversation. */
	public void feedback(Bot bot, @Nullable String token, UUID messageId, String rating) {
		if (!"up".equals(rating) && !"down".equals(rating)) {
			throw Problem.invalid("rating", "Use \"up\" or \"down\".");
		}
		var conversation = token == null ? null : this.store.byToken(Secrets.hash(token)).filter(c -> c.botId().equals(bot.id())).orElse(null);
		if (conversation == null) {
			throw new Problem(org.springframework.http.HttpStatus.UNAUTHORIZED, "invalid_visitor_token", "Your chat session has expired.");
		}
		var at = now();
		this.transactions.executeWithoutResult(tx -> {
			if (this.store.setFeedback(conversation.id(), messageId, rating, at) == 0) {
				throw Problem.notFound("message_not_found", "This answer does not exist in your conversation.");
			}
			this.events.publishEvent(new FeedbackGiven(conversation.workspace(), conversation.botId(), conversation.id(), messageId, rating, at));
		});
	}

	/** Erases every conversation of the visitor behind {@code token}; returns how many. */
	public int eraseVisitor(Bot bot, @Nullable String token) {
		var visitor = visitorOf(bot, token);
		return eraseVisitor(bot.workspace(), visitor);
	}

	/** Erases every conversation of a visitor in a workspace; returns how many. */
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		return this.transactions.execute(tx -> {
			var ids = this.store.conversationsOfVisitor(workspace, visitorId);
			this.events.publishEvent(new ConversationsDeleted(workspace, ids));
			return this.store.delete(workspace, ids);
		});
	}

	// --- the owner's view ---

	public PageOf<ConversationSummary> list(Tenant tenant, @Nullable UUID botId, @Nullable OffsetDateTime from,
			@Nullable OffsetDateTime to, @Nullable String query, int page, int size) {
		if (botId != null) {
			this.bots.get(tenant, botId);
		}
		return this.store.list(tenant.workspace(), botId, from, to, query, Math.max(0, page), Math.min(100, Math.max(1, size)));
	}

	public ConversationView get(Tenant tenant, UUID id) {
		var c = this.store.find(tenant.workspace(), id).orElseThrow(ConversationManagement::notFound);
		var messages = this.store.messages(c.id()).stream().map(StoredMessage::view).toList();
		return new ConversationView(c.id(), c.botId(), c.startedAt(), c.lastMessageAt(), c.visitorId(), c.country(), c.referrer(),
				c.utmSource(), c.pageUrl(), c.channel(), messages);
	}

	public void delete(Tenant tenant, UUID id) {
		tenant.require(ai.softnode.platform.Role.ADMIN);
		this.transactions.executeWithoutResult(tx -> {
			var c = this.store.find(tenant.workspace(), id).orElseThrow(ConversationManagement::notFound);
			this.events.publishEvent(new ConversationsDeleted(tenant.workspace(), List.of(c.id())));
			this.store.delete(tenant.workspace(), List.of(c.id()));
		});
	}

	/** Starts or continues an API conversation of {@code bot} for the server-to-server chat. */
	Conversation apiConversation(Tenant tenant, Bot bot, @Nullable UUID conversationId) {
		if (conversationId == null) {
			var started = start(bot, Channel.API, null, null, null, null, null, null);
			return this.store.find(tenant.workspace(), started.conversationId()).orElseThrow();
		}
		var conversation = this.store.find(tenant.workspace(), conversationId).orElseThrow(ConversationManagement::notFound);
		if (!conversation.botId().equals(bot.id())) {
			throw notFound();
		}
		return conversation;
	}

	@org.springframework.context.event.EventListener
	void on(BotDeleted deleted) {
		var ids = this.store.conversationsOfBot(deleted.workspace(), deleted.botId());
		if (!ids.isEmpty()) {
			this.events.publishEvent(new ConversationsDeleted(deleted.workspace(), ids));
			this.store.delete(deleted.workspace(), ids);
		}
	}

	private static void requireEnabled(Bot bot) {
		if (!bot.enabled()) {
			throw new Problem(org.springframework.http.HttpStatus.FORBIDDEN, "bot_disabled", "This assistant is currently unavailable.");
		}
	}

	private static Problem notFound() {
		return Problem.notFound("conversation_not_found", "No conversation with this id in your workspace.");
	}

	private static @Nullable String clip(@Nullable String text, int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		var clean = text.strip();
		return clean.length() <= max ? clean : clean.substring(0, max);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
