package ai.softnode.chat;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.bots.BotManagement;
import ai.softnode.platform.Days;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** Conversation logs and server-to-server chat over the JSON API. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Conversations", description = "Conversation logs and server-to-server chat")
class ConversationsApiController {

	private final ConversationManagement conversations;

	private final BotManagement bots;

	ConversationsApiController(ConversationManagement conversations, BotManagement bots) {
		this.conversations = conversations;
		this.bots = bots;
	}

	@GetMapping("/bots/{id}/conversations")
	@Operation(summary = "A bot's conversations, newest first; filter by days (from/to, YYYY-MM-DD) and text (q)")
	PageOf<ConversationSummary> list(Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > 100) {
			throw Problem.invalid(page < 0 ? "page" : "size", page < 0 ? "Pages start at 0." : "Use a size from 1 to 100.");
		}
		return this.conversations.list(tenant, id, Days.start(from), Days.end(to), q, page, size);
	}

	@GetMapping("/conversations/{id}")
	@Operation(summary = "One conversation with all its messages")
	ConversationView get(Tenant tenant, @PathVariable UUID id) {
		return this.conversations.get(tenant, id);
	}

	@DeleteMapping("/conversations/{id}")
	@Operation(summary = "Delete a conversation and its messages")
	ResponseEntity<Void> delete(Tenant tenant, @PathVariable UUID id) {
		this.conversations.delete(tenant, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/bots/{id}/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Ask the bot from your own server: one JSON reply, or server-sent events with \"stream\": true")
	@Nullable ResponseEntity<ChatReply> chat(Tenant tenant, @PathVariable UUID id, @RequestBody ChatRequest body,
			HttpServletResponse response) {
		var bot = this.bots.get(tenant, id);
		var conversation = this.conversations.apiConversation(tenant, bot, body.conversationId());
		if (Boolean.TRUE.equals(body.stream())) {
			response.setHeader("X-Conversation-Id", conversation.id().toString());
			this.conversations.answer(bot, conversation, body.message(), body.clientMessageId(), TurnListeners.sse(response));
			return null;
		}
		var collected = TurnListeners.collect();
		this.conversations.answer(bot, conversation, body.message(), body.clientMessageId(), collected);
		return ResponseEntity.ok(new ChatReply(conversation.id(), collected.reply()));
	}

	record ChatRequest(String message, @Nullable UUID conversationId, @Nullable String clientMessageId, @Nullable Boolean stream) {
	}

	record ChatReply(UUID conversationId, TurnListeners.Reply reply) {
	}

}
