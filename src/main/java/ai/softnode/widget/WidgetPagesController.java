package ai.softnode.widget;

import java.net.URI;
import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import ai.softnode.bots.Bot;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat frame a customer's page embeds, and the same chat as a hosted full page. Each gets a
 * strict Content-Security-Policy whose {@code frame-ancestors} lists the bot's allowed domains.
 */
@Controller
class WidgetPagesController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final VisitorRequests visitors;

	private final ai.softnode.visitors.LeadManagement leads;

	WidgetPagesController(VisitorRequests visitors, ai.softnode.visitors.LeadManagement leads) {
		this.visitors = visitors;
		this.leads = leads;
	}

	@GetMapping("/widget/frame/{publicId}")
	String frame(@PathVariable String publicId, @RequestParam(name = "host", required = false) @Nullable String host, Model model,
			HttpServletResponse response) {
		var bot = this.visitors.bot(publicId);
		response.setHeader("Content-Security-Policy", policy(bot, frameAncestors(bot)));
		return render(bot, hostOrigin(bot, host), "frame", model, response);
	}

	@GetMapping("/chat/{publicId}")
	String hosted(@PathVariable String publicId, Model model, HttpServletResponse response) {
		var bot = this.visitors.bot(publicId);
		response.setHeader("Content-Security-Policy", policy(bot, "'self'"));
		return render(bot, null, "page", model, response);
	}

	private String render(Bot bot, @Nullable String hostOrigin, String mode, Model model, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-cache");
		response.setHeader("X-Content-Type-Options", "nosniff");
		model.addAttribute("publicId", bot.publicId());
		model.addAttribute("config", JSON.writeValueAsString(WidgetConfigJson.of(bot, this.leads.settings(bot), this.visitors.poweredBy(bot))));
		model.addAttribute("hostOrigin", hostOrigin);
		model.addAttribute("mode", mode);
		model.addAttribute("botName", bot.name());
		model.addAttribute("enabled", bot.enabled());
		return "widget/frame";
	}

	/** Scripts, styles and connections only to this platform; images only from here and the bot's avatar host. */
	static String policy(Bot bot, String frameAncestors) {
		var images = new StringBuilder("'self' data:");
		var avatar = bot.settings().avatarUrl();
		if (avatar != null) {
			var uri = URI.create(avatar);
			images.append(" https://").append(uri.getRawAuthority());
		}
		return "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + images + "; connect-src 'self'; "
				+ "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors " + frameAncestors;
	}

	static String frameAncestors(Bot bot) {
		var domains = bot.settings().allowedDomains();
		if (domains.isEmpty()) {
			return "*";
		}
		var sources = new LinkedHashSet<String>();
		sources.add("'self'");
		for (var domain : domains) {
			sources.add("https://" + domain);
			sources.add("http://" + domain);
		}
		return String.join(" ", sources);
	}

	/** The embedding page's origin as the loader reports it, kept only when the bot allows that site. */
	static @Nullable String hostOrigin(Bot bot, @Nullable String host) {
		if (host == null || host.isBlank() || host.length() > 300) {
			return null;
		}
		try {
			var uri = URI.create(host.trim());
			var scheme = uri.getScheme();
			if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
					|| (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null) {
				return null;
			}
			var hostPort = VisitorRequests.hostOf(host.trim());
			if (hostPort == null || !bot.allowsHost(hostPort)) {
				return null;
			}
			return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(java.util.Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
