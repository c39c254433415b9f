package ai.softnode.policies;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.Emails;
import ai.softnode.platform.Problem;
import ai.softnode.platform.RateLimits;
import ai.softnode.platform.RateLimits.Limit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The public pages {@code /privacy} and {@code /terms}: current version, history, data flows, contact form. */
@Controller
class PolicyPagesController {

	static final Limit CONTACTS_PER_IP = new Limit("privacy-contact-ip", 5, Duration.ofHours(1));

	private final Policies policies;

	private final DataFlows dataFlows;

	private final ContactRequests requests;

	private final RateLimits limits;

	private final ClientIp clientIp;

	PolicyPagesController(Policies policies, DataFlows dataFlows, ContactRequests requests, RateLimits limits,
			ClientIp clientIp) {
		this.policies = policies;
		this.dataFlows = dataFlows;
		this.requests = requests;
		this.limits = limits;
		this.clientIp = clientIp;
	}

	@GetMapping("/privacy")
	String privacy(@RequestParam(required = false) @Nullable Integer version, Model model) {
		if (!model.containsAttribute("contact")) {
			model.addAttribute("contact", new ContactForm("", "", ""));
		}
		model.addAttribute("flows", this.dataFlows.flows());
		return page(PolicyKind.PRIVACY, version, model);
	}

	@GetMapping("/terms")
	String terms(@RequestParam(required = false) @Nullable Integer version, Model model) {
		return page(PolicyKind.TERMS, version, model);
	}

	@PostMapping("/privacy")
	String contact(@Valid @ModelAttribute("contact") ContactForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasFieldErrors("email") && !Emails.isValid(form.email())) {
			errors.rejectValue("email", "invalid_email", "Enter an email address like name@example.com, so the answer can reach you.");
		}
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return privacy(null, model);
		}
		var wait = this.limits.tryTake(CONTACTS_PER_IP, this.clientIp.of(request));
		if (!wait.isZero()) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
			errors.reject("rate_limited", "You sent several messages already; please try again later.");
			return privacy(null, model);
		}
		this.requests.submit(form.name(), form.email(), form.message());
		redirect.addFlashAttribute("contactSent", true);
		return "redirect:/privacy#contact";
	}

	private String page(PolicyKind kind, @Nullable Integer version, Model model) {
		var current = this.policies.current(kind);
		var shown = version == null ? current
				: this.policies.version(kind, version)
					.orElseThrow(() -> Problem.notFound("version_not_found", "There is no such version of this page."));
		model.addAttribute("kind", kind);
		model.addAttribute("current", current);
		model.addAttribute("shown", shown);
		model.addAttribute("history", this.policies.history(kind));
		return "policies/policy";
	}

	/** The privacy contact form. */
	record ContactForm(@NotBlank(message = "Enter your name.") @Size(max = 100, message = "Use at most 100 characters.") String name,
			@NotBlank(message = "Enter your email address, so the answer can reach you.") @Size(max = Emails.MAX_LENGTH,
					message = "This address is too long.") String email,
			@NotBlank(message = "Write your message.") @Size(max = 5000, message = "Use at most 5000 characters.") String message) {
	}

}
