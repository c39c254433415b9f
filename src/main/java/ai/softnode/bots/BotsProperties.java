package ai.softnode.bots;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bot settings of the installation.
 *
 * @param models the models an owner may choose: {@code default} means the installation's
 * {@code SOFTNODE_LLM_MODEL}, {@code offline} the embedded offline answerer
 */
@ConfigurationProperties("softnode.bots")
public record BotsProperties(
		@DefaultValue({ "default", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-5", "offline" }) List<String> models) {
}
