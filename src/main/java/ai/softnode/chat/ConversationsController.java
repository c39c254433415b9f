package ai.softnode.chat;

import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.bots.Bot;
import ai.softnode.bots.BotManagement;
import ai.softnode.platform.Days;
import ai.softnode.platform.BotTab;
import ai.softnode.platform.NavItem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;

/** Conversation logs in the dashboard: a filterable, searchable list and each conversation in full. */
@Controller
class ConversationsController {

	private final ConversationManagement conversations;

	private final BotManagement bots;

	ConversationsController(ConversationManagement conversations, BotManagement bots) {
		this.conversations = conversations;
		this.bots = bots;
	}

	@GetMapping("/app/conversations")
	String list(Tenant tenant, @RequestParam(name = "bot", required = false) @Nullable UUID botId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page, Model model) {
		var page1 = this.conversations.list(tenant, botId, Days.start(from), Days.end(to), q, page, 25);
		var bots = this.bots.list(tenant);
		model.addAttribute("page", page1);
		model.addAttribute("bots", bots);
		model.addAttribute("botNames", bots.stream().collect(Collectors.toMap(Bot::id, Bot::name, (a, b) -> a)));
		model.addAttribute("bot", botId);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("q", q);
		return "chat/conversations";
	}

	@GetMapping("/app/bots/{id}/conversations")
	String ofBot(Tenant tenant, @PathVariable UUID id) {
		this.bots.get(tenant, id);
		return "redirect:/app/conversations?bot=" + id;
	}

	@GetMapping("/app/conversations/{id}")
	String show(Tenant tenant, @PathVariable UUID id, Model model) {
		var conversation = this.conversations.get(tenant, id);
		model.addAttribute("conversation", conversation);
		model.addAttribute("botName", this.bots.find(tenant.workspace(), conversation.botId()).map(Bot::name).orElse("Deleted bot"));
		model.addAttribute("canDelete", tenant.can(Role.ADMIN));
		return "chat/conversation";
	}

	@PostMapping("/app/conversations/{id}/delete")
	String delete(Tenant tenant, @PathVariable UUID id, RedirectAttributes redirect) {
		var botId = this.conversations.get(tenant, id).botId();
		this.conversations.delete(tenant, id);
		redirect.addFlashAttribute("notice", "The conversation has been deleted.");
		return "redirect:/app/conversations?bot=" + botId;
	}




	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavItem conversationsNavigation() {
			return new NavItem("Conversations", "/app/conversations", 20);
		}

		@Bean
		BotTab conversationsTab() {
			return new BotTab("Conversations", "conversations", 30);
		}

	}

}
