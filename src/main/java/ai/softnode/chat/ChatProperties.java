package ai.softnode.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

/**
 * Limits of a chat turn.
 *
 * @param maxQuestionLength characters a visitor message may have
 * @param historyTokens earlier conversation sent to the model, in estimated tokens
 * @param passages knowledge passages put into the prompt
 * @param maxConcurrentPerVisitor answers one visitor may have streaming at once
 * @param perVisitorPerMinute messages a visitor may send per minute
 * @param perIpPerMinute messages one client address may send per minute
 * @param perBotPerMinute messages one bot accepts per minute
 * @param perWorkspacePerMinute messages one workspace accepts per minute
 * @param conversationsPerIpPerHour conversations one client address may start per hour
 */
@Validated
@ConfigurationProperties("softnode.chat")
public record ChatProperties(@DefaultValue("2000") @Positive @Max(20000) int maxQuestionLength,
		@DefaultValue("3000") @Min(0) int historyTokens, @DefaultValue("6") @Min(1) @Max(20) int passages,
		@DefaultValue("2") @Min(1) int maxConcurrentPerVisitor, @DefaultValue("12") @Positive int perVisitorPerMinute,
		@DefaultValue("40") @Positive int perIpPerMinute, @DefaultValue("600") @Positive int perBotPerMinute,
		@DefaultValue("1200") @Positive int perWorkspacePerMinute, @DefaultValue("60") @Positive int conversationsPerIpPerHour) {

	Duration minute() {
		return Duration.ofMinutes(1);
	}

}
