package ai.softnode.knowledge.source;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import ai.softnode.bots.BotDeleted;
import ai.softnode.platform.BotTab;

/** The knowledge tab of a bot's page and the clean-up when a bot is deleted. */
@Configuration(proxyBeanMethods = false)
class KnowledgeConfig {

	private final Sources sources;

	KnowledgeConfig(Sources sources) {
		this.sources = sources;
	}

	@Bean
	BotTab knowledgeTab() {
		return new BotTab("Knowledge", "knowledge", 20);
	}

	/** Runs inside the transaction that deletes the bot, so both go or neither. */
	@EventListener
	void on(BotDeleted event) {
		this.sources.deleteBot(event.workspace(), event.botId());
	}

}
