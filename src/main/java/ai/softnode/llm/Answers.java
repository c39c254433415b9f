package ai.softnode.llm;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Streams answers to visitor questions from the right provider: Claude when an API key is
 * configured and the bot's model is not {@code offline}, the offline answerer otherwise.
 * <p>
 * Never throws for provider trouble; the {@link AnswerResult} says what happened. Its
 * {@code errorCode} is one of {@code provider_unavailable} (circuit breaker open, status
 * {@code FALLBACK}), {@code overloaded}, {@code provider_error}, {@code rate_limited},
 * {@code auth_failed}, {@code bad_request}, {@code first_token_timeout}, {@code timeout},
 * {@code connection_failed}, {@code stream_interrupted}, {@code bad_response},
 * {@code delivery_failed} (the sink threw), {@code cancelled} (the thread was interrupted) or
 * {@code unexpected}.
 */
@Service
public class Answers implements DisposableBean {

	/** The model name that selects the offline answerer. */
	public static final String OFFLINE = OfflineAnswerer.MODEL;

	/** The model name that selects the installation's default model. */
	public static final String DEFAULT = "default";

	private static final Logger log = LoggerFactory.getLogger(Answers.class);

	private final LlmProperties settings;

	private final @Nullable ClaudeAnswerer claude;

	private final OfflineAnswerer offline = new OfflineAnswerer();

	@Autowired
	Answers(AnthropicProperties anthropic, LlmProperties settings) {
		this(settings, anthropic.configured() ? new ClaudeAnswerer(ClaudeAnswerer.clients(anthropic, settings), settings)
				: null);
		if (this.claude == null) {
			log.info("No Anthropic API key configured: the offline answerer serves every bot");
		}
		else {
			// in the background, so startup does not wait and the first visitor need not either
			var warmUp = new Thread(ClaudeAnswerer::warmUp, "anthropic-warm-up");
			warmUp.setDaemon(true);
			warmUp.start();
		}
	}

	/** With a ready provider (or none): for tests, which share one costly SDK client. */
	Answers(LlmProperties settings, @Nullable ClaudeAnswerer claude) {
		this.settings = settings;
		this.claude = claude;
	}

	/**
	 * Streams the answer to {@code request} to {@code sink} and reports how it went. Blocks until the
	 * answer is complete or has failed; call it on a virtual thread.
	 */
	public AnswerResult answer(AnswerRequest request, AnswerSink sink) {
		var model = resolveModel(request.model());
		if (this.claude == null || OFFLINE.equals(model)) {
			return this.offline.answer(request, sink);
		}
		return this.claude.answer(model, request, sink);
	}

	/** Whether Claude can be used at all (an API key is configured). */
	public boolean claudeConfigured() {
		return this.claude != null;
	}

	/**
	 * The model that answers for a bot set to {@code botModel}: {@code default} (or blank) becomes the
	 * installation's model, and every model becomes {@code offline} when Claude is not configured.
	 */
	public String resolveModel(String botModel) {
		var model = botModel == null || botModel.isBlank() || botModel.strip().equalsIgnoreCase(DEFAULT)
				? this.settings.model().strip() : botModel.strip();
		if (this.claude == null || model.toLowerCase(Locale.ROOT).equals(OFFLINE)) {
			return OFFLINE;
		}
		return model;
	}

	/**
	 * The state of the circuit breaker around Claude, for health and metrics: {@code CLOSED} (calls
	 * flow), {@code OPEN} (calls stop, the fallback answers), {@code HALF_OPEN} (trial calls decide),
	 * or {@code NOT_CONFIGURED} without an API key.
	 */
	public BreakerState breakerState() {
		if (this.claude == null) {
			return BreakerState.NOT_CONFIGURED;
		}
		return switch (this.claude.state()) {
			case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
			case HALF_OPEN -> BreakerState.HALF_OPEN;
			case OPEN, FORCED_OPEN -> BreakerState.OPEN;
		};
	}

	@Override
	public void destroy() {
		if (this.claude != null) {
			this.claude.close();
		}
	}

	/** The state of the circuit breaker around the Claude provider. */
	public enum BreakerState {

		CLOSED, OPEN, HALF_OPEN, NOT_CONFIGURED

	}

}
