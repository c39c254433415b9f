package ai.softnode.policies;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.Audited;
import ai.softnode.platform.ClientIp;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletRequest;

/** A user's consent toggles and the acknowledgement of new policy versions. */
@Controller
class ConsentsController {

	private final Consents consents;

	private final Policies policies;

	private final AccountManagement accounts;

	private final ApplicationEventPublisher events;

	private final ClientIp clientIp;

	private final Clock clock;

	ConsentsController(Consents consents, Policies policies, AccountManagement accounts, ApplicationEventPublisher events,
			ClientIp clientIp, Clock clock) {
		this.consents = consents;
		this.policies = policies;
		this.accounts = accounts;
		this.events = events;
		this.clientIp = clientIp;
		this.clock = clock;
	}

	@GetMapping("/app/settings/consents")
	String consents(Tenant tenant, Model model) {
		model.addAttribute("choices", this.consents.choices(tenant.userId()).values());
		model.addAttribute("history", this.consents.history(tenant.userId()));
		return "policies/consents";
	}

	/** Saves both toggles; an unchecked box is not sent by the browser and means "off". */
	@PostMapping("/app/settings/consents")
	String saveConsents(Tenant tenant, @RequestParam(defaultValue = "false") boolean analytics,
			@RequestParam(defaultValue = "false") boolean news, HttpServletRequest request, RedirectAttributes redirect) {
		var email = email(tenant.userId());
		var changed = 0;
		for (var purpose : Purpose.values()) {
			var granted = purpose == Purpose.ANALYTICS ? analytics : news;
			if (this.consents.set(tenant.userId(), purpose, granted)) {
				changed++;
				this.events.publishEvent(Audited.by(tenant, email, granted ? "consent.granted" : "consent.withdrawn",
						purpose.getLabel(), this.clientIp.of(request), Instant.now(this.clock)));
			}
		}
		redirect.addFlashAttribute("notice", changed == 0 ? "Nothing changed." : "Your choices have been saved and apply from now on.");
		return "redirect:/app/settings/consents";
	}

	@PostMapping("/app/policies/{versionId}/acknowledge")
	String acknowledge(Tenant tenant, @PathVariable UUID versionId, @RequestParam(defaultValue = "/app") String next,
			HttpServletRequest request) {
		var version = this.policies.byId(versionId)
			.orElseThrow(() -> Problem.notFound("version_not_found", "This policy version does not exist."));
		if (this.policies.acknowledge(tenant.userId(), versionId)) {
			this.events.publishEvent(Audited.by(tenant, email(tenant.userId()), "policy.acknowledged",
					version.kind().label() + " version " + version.version(), this.clientIp.of(request), Instant.now(this.clock)));
		}
		return "redirect:" + (safeReturn(next) ? next : "/app");
	}

	/** Only back to a dashboard page of this site, never elsewhere. */
	static boolean safeReturn(String next) {
		return (next.equals("/app") || next.startsWith("/app/")) && !next.contains("//") && !next.contains("\\")
				&& next.chars().noneMatch(Character::isISOControl);
	}

	private String email(UUID userId) {
		return this.accounts.find(userId).map(user -> user.email()).orElse("");
	}

}
