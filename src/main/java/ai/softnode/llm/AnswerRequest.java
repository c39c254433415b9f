package ai.softnode.llm;

import java.util.List;
import java.util.Objects;

/**
 * Everything needed to answer one visitor question.
 *
 * @param model the bot's model: {@code default} (the installation's {@code softnode.llm.model}),
 * {@code offline} (the embedded offline answerer) or a Claude model id
 * @param temperature sampling temperature, 0 to 1
 * @param maxTokens the longest answer allowed, in tokens
 * @param systemPrompt the stable part of the prompt (platform guard rules and the bot's
 * instructions); sent with prompt caching, so keep per-turn data out of it
 * @param passages retrieved knowledge, best first
 * @param history earlier turns of the conversation, oldest first, already trimmed to a budget
 * @param question the visitor's question
 * @param fallbackMessage what the bot says when it cannot answer or the provider is down
 */
public record AnswerRequest(String model, double temperature, int maxTokens, String systemPrompt,
		List<ContextPassage> passages, List<Turn> history, String question, String fallbackMessage) {

	public AnswerRequest {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(systemPrompt, "systemPrompt");
		Objects.requireNonNull(question, "question");
		Objects.requireNonNull(fallbackMessage, "fallbackMessage");
		if (!(temperature >= 0 && temperature <= 1)) {
			throw new IllegalArgumentException("temperature must be from 0 to 1, was " + temperature);
		}
		if (maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
		}
		if (question.isBlank()) {
			throw new IllegalArgumentException("question must not be blank");
		}
		passages = List.copyOf(passages);
		history = List.copyOf(history);
	}

}
