package ai.softnode.widget;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ai.softnode.bots.Bot;
import ai.softnode.chat.ChatProperties;
import ai.softnode.platform.RateLimits;
import ai.softnode.platform.RateLimits.Limit;

/** Rate limits of the visitor API: per visitor, per client address, per bot and per workspace. */
@Component
class WidgetLimits {

	private final RateLimits limits;

	private final Limit perVisitor;

	private final Limit perIp;

	private final Limit perBot;

	private final Limit perWorkspace;

	private final Limit conversationsPerIp;

	WidgetLimits(RateLimits limits, ChatProperties properties) {
		this.limits = limits;
		var minute = Duration.ofMinutes(1);
		this.perVisitor = new Limit("chat-visitor", properties.perVisitorPerMinute(), minute);
		this.perIp = new Limit("chat-ip", properties.perIpPerMinute(), minute);
		this.perBot = new Limit("chat-bot", properties.perBotPerMinute(), minute);
		this.perWorkspace = new Limit("chat-workspace", properties.perWorkspacePerMinute(), minute);
		this.conversationsPerIp = new Limit("conversation-ip", properties.conversationsPerIpPerHour(), Duration.ofHours(1));
	}

	Limit conversationsPerIp() {
		return this.conversationsPerIp;
	}

	/** Takes one message from every bucket that applies, or fails with 429 and {@code Retry-After}. */
	void takeMessage(Bot bot, UUID visitor, String clientIp) {
		var message = "You're sending messages quickly — please wait a moment.";
		this.limits.take(this.perVisitor, visitor.toString(), message);
		this.limits.take(this.perIp, clientIp, message);
		this.limits.take(this.perBot, bot.id().toString(), "This assistant is very busy right now — please try again in a moment.");
		this.limits.take(this.perWorkspace, bot.workspace().toString(), "This assistant is very busy right now — please try again in a moment.");
	}

}
