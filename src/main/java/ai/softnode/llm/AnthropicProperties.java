package ai.softnode.llm;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the Anthropic API, bound from {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL}.
 * Without a key the offline answerer serves every bot.
 *
 * @param apiKey the API key; never logged or printed
 * @param baseUrl another address of the Messages API (a proxy, a gateway, a local stand-in); the
 * SDK's default when empty
 */
@ConfigurationProperties("anthropic")
record AnthropicProperties(@Nullable String apiKey, @Nullable String baseUrl) {

	boolean configured() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	@Override
	public String toString() {
		return "AnthropicProperties[apiKey=" + (configured() ? "(set)" : "(none)") + ", baseUrl=" + this.baseUrl + "]";
	}

}
