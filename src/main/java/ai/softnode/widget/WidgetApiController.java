package ai.softnode.widget;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.bots.LeadCaptureMode;
import ai.softnode.chat.Channel;
import ai.softnode.chat.ConversationManagement;
import ai.softnode.chat.MessageView;
import ai.softnode.chat.SourceRef;
import ai.softnode.chat.TurnListeners;
import ai.softnode.platform.ClientIp;
import ai.softnode.privacy.VisitorData;
import ai.softnode.platform.Problem;
import ai.softnode.platform.RateLimits;
import ai.softnode.platform.RateLimits.Limit;
import ai.softnode.visitors.LeadForm;
import ai.softnode.visitors.LeadManagement;
import ai.softnode.visitors.VisitorConsents;
import ai.softnode.visitors.VisitorTracking;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The visitor API used by the chat frame (DESIGN.md §5). Conversation calls need the visitor token. */
@RestController
@RequestMapping("/api/v1/widget/{publicId}")
@Tag(name = "Widget", description = "Public visitor API used by the chat frame")
class WidgetApiController {

	private final VisitorRequests visitors;

	private final ConversationManagement conversations;

	private final RateLimits limits;

	private final ClientIp clientIp;

	private final WidgetLimits widgetLimits;

	private final VisitorTracking tracking;

	private final LeadManagement leads;

	private final VisitorData visitorData;

	private final VisitorConsents consents;

	WidgetApiController(VisitorRequests visitors, ConversationManagement conversations, RateLimits limits, ClientIp clientIp,
			WidgetLimits widgetLimits, VisitorTracking tracking, LeadManagement leads, VisitorConsents consents,
			VisitorData visitorData) {
		this.consents = consents;
		this.visitorData = visitorData;
		this.tracking = tracking;
		this.leads = leads;
		this.visitors = visitors;
		this.conversations = conversations;
		this.limits = limits;
		this.clientIp = clientIp;
		this.widgetLimits = widgetLimits;
	}

	@GetMapping("/config")
	@Operation(summary = "The bot's public appearance and greeting")
	ResponseEntity<WidgetConfigJson> config(@PathVariable String publicId, HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
			.header("Access-Control-Allow-Origin", "*")
			.header("Vary", "Origin")
			.body(WidgetConfigJson.of(bot, this.leads.settings(bot), this.visitors.poweredBy(bot)));
	}

	@PostMapping(path = "/conversations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Start a conversation; returns the visitor token, shown once")
	ResponseEntity<Map<String, Object>> start(@PathVariable String publicId, @RequestBody(required = false) @Nullable StartRequest body,
			HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		var ip = this.clientIp.of(request);
		this.limits.take(this.widgetLimits.conversationsPerIp(), ip, "You have started many conversations; please wait a little.");
		var start = body == null ? new StartRequest(null, null, null, null, null) : body;
		// a bot that asks for its privacy notice to be accepted learns nothing about a visitor who has not
		this.consents.check(bot, start.privacyNoticeVersion());
		var visit = this.tracking.observe(ip, request.getHeader("User-Agent"), httpUrl(start.pageUrl()), httpUrl(start.referrer()));
		var started = this.conversations.start(bot, Channel.WIDGET, VisitorRequests.token(request), httpUrl(start.pageUrl()),
				httpUrl(start.referrer()), start.locale(), utmSource(start.pageUrl()), visit.country());
		this.tracking.record(bot.workspace(), bot.id(), started.visitorId(), started.conversationId(), visit);
		if (bot.settings().privacyNoticeRequired()) {
			this.consents.accept(bot, started.visitorId(), start.privacyNoticeVersion());
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Cache-Control", "no-store")
			.body(Map.of("conversationId", started.conversationId(), "visitorId", started.visitorId(), "visitorToken",
					started.visitorToken()));
	}

	@GetMapping("/conversations/{conversationId}/messages")
	@Operation(summary = "The messages of the visitor's conversation")
	Map<String, List<VisitorMessage>> history(@PathVariable String publicId, @PathVariable UUID conversationId,
			HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		var items = this.conversations.history(bot, conversationId, VisitorRequests.token(request)).stream()
			.map(VisitorMessage::of).toList();
		return Map.of("items", items);
	}

	@GetMapping("/conversations/{conversationId}/transcript")
	@Operation(summary = "The visitor's conversation as a readable plain-text transcript (a download)")
	ResponseEntity<String> transcript(@PathVariable String publicId, @PathVariable UUID conversationId, HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		var messages = this.conversations.history(bot, conversationId, VisitorRequests.token(request));
		var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.header("Content-Disposition", "attachment; filename=\"conversation-" + now.toLocalDate() + ".txt\"")
			.body(Transcript.of(bot.name(), conversationId, messages, now));
	}

	@PostMapping(path = "/conversations/{conversationId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Send a message; the answer streams as text/event-stream (user, delta, done, error), or as one JSON reply with Accept: application/json")
	@Nullable ResponseEntity<TurnListeners.Reply> send(@PathVariable String publicId, @PathVariable UUID conversationId,
			@RequestBody MessageRequest body, HttpServletRequest request, HttpServletResponse response) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		var token = VisitorRequests.token(request);
		Consumer<UUID> admit = visitor -> {
			this.consents.require(bot, visitor);
			this.widgetLimits.takeMessage(bot, visitor, this.clientIp.of(request));
		};
		var accept = request.getHeader("Accept");
		if (accept != null && accept.contains("application/json") && !accept.contains("text/event-stream")) {
			var collected = TurnListeners.collect();
			this.conversations.answer(bot, conversationId, token, body.text(), body.clientMessageId(), admit, collected);
			return ResponseEntity.ok().header("Cache-Control", "no-store").body(collected.reply());
		}
		// The stream is committed with the first event, so problems found before it are still problem+json.
		this.conversations.answer(bot, conversationId, token, body.text(), body.clientMessageId(), admit, TurnListeners.sse(response));
		return null;
	}

	@PostMapping(path = "/messages/{messageId}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Thumbs up or down on an answer")
	ResponseEntity<Void> feedback(@PathVariable String publicId, @PathVariable UUID messageId, @RequestBody FeedbackRequest body,
			HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		this.conversations.feedback(bot, VisitorRequests.token(request), messageId, body.rating());
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/conversations/{conversationId}/lead", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Leave contact details with consent; {name?, email, phone?, company?, consent}")
	ResponseEntity<Map<String, Object>> lead(@PathVariable String publicId, @PathVariable UUID conversationId, @RequestBody LeadForm body,
			HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		if (bot.settings().leadCapture() == LeadCaptureMode.OFF) {
			throw Problem.conflict("lead_capture_off", "This assistant does not collect contact details.");
		}
		var token = VisitorRequests.token(request);
		this.conversations.visitorMessages(bot, conversationId, token);
		var visitor = this.conversations.visitorOf(bot, token);
		this.consents.require(bot, visitor);
		var lead = this.leads.capture(bot, conversationId, visitor, this.tracking.countryOf(bot.workspace(), visitor).orElse(null), body);
		return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
			.body(Map.of("id", lead.id(), "consentVersion", String.valueOf(lead.consent().version())));
	}

	@PostMapping(path = "/consent", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Accept the bot's current privacy notice {version}; recorded with the time")
	ResponseEntity<Void> consent(@PathVariable String publicId, @RequestBody ConsentRequest body, HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		var visitor = this.conversations.visitorOf(bot, VisitorRequests.token(request));
		this.consents.accept(bot, visitor, body.version());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/visitor")
	@Operation(summary = "Erase every conversation of this visitor")
	ResponseEntity<Void> erase(@PathVariable String publicId, HttpServletRequest request) {
		var bot = this.visitors.bot(publicId);
		this.visitors.checkOrigin(bot, request);
		var token = VisitorRequests.token(request);
		// every module holding visitor data erases its part, all or nothing
		this.visitorData.eraseVisitor(bot.workspace(), this.conversations.visitorOf(bot, token));
		return ResponseEntity.noContent().build();
	}

	/** Only http(s) page addresses are kept; anything else a client sends is dropped. */
	static @Nullable String httpUrl(@Nullable String url) {
		if (url == null || url.isBlank() || url.length() > 2000) {
			return null;
		}
		try {
			var uri = URI.create(url.trim());
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null
					? uri.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static @Nullable String utmSource(@Nullable String pageUrl) {
		var url = httpUrl(pageUrl);
		if (url == null) {
			return null;
		}
		var query = URI.create(url).getRawQuery();
		if (query == null) {
			return null;
		}
		for (var pair : query.split("&")) {
			if (pair.startsWith("utm_source=")) {
				var value = java.net.URLDecoder.decode(pair.substring(11), java.nio.charset.StandardCharsets.UTF_8).strip();
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	/** {@code privacyNoticeVersion}: the version of the privacy notice the visitor accepted, when the bot asks for it. */
	record StartRequest(@Nullable String visitorId, @Nullable String pageUrl, @Nullable String referrer, @Nullable String locale,
			@Nullable String privacyNoticeVersion) {
	}

	record ConsentRequest(@Nullable String version) {
	}

	record MessageRequest(String text, @Nullable String clientMessageId) {
	}

	record FeedbackRequest(String rating) {
	}

	/** A message as the visitor sees it. */
	record VisitorMessage(UUID id, String role, String text, java.time.OffsetDateTime createdAt, String status, List<SourceRef> sources,
			@Nullable String feedback) {

		static VisitorMessage of(MessageView m) {
			var text = m.fromVisitor() || !"failed".equals(m.status()) ? m.text() : "";
			return new VisitorMessage(m.id(), m.role(), text, m.createdAt(), m.status(), m.sources(), m.feedback());
		}

	}

}
