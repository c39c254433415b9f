package ai.softnode.policies;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.Audited;
import ai.softnode.platform.ClientIp;
import ai.softnode.platform.Forms;
import ai.softnode.platform.Problem;
import ai.softnode.platform.SoftnodeProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The operator's page. Open only to signed-in users whose confirmed email address is listed in
 * {@code softnode.admin-emails}; everyone else gets 403. (An unconfirmed address is not enough: anyone
 * could sign up with the operator's address before the operator does.)
 */
@Controller
class AdminController {

	private final AccountManagement accounts;

	private final SoftnodeProperties properties;

	private final Policies policies;

	private final ContactRequests requests;

	private final News news;

	private final Consents consents;

	private final FeatureUse featureUse;

	private final ApplicationEventPublisher events;

	private final ClientIp clientIp;

	private final Clock clock;

	AdminController(AccountManagement accounts, SoftnodeProperties properties, Policies policies, ContactRequests requests,
			News news, Consents consents, FeatureUse featureUse, ApplicationEventPublisher events, ClientIp clientIp,
			Clock clock) {
		this.accounts = accounts;
		this.properties = properties;
		this.policies = policies;
		this.requests = requests;
		this.news = news;
		this.consents = consents;
		this.featureUse = featureUse;
		this.events = events;
		this.clientIp = clientIp;
		this.clock = clock;
	}

	/** Runs before every handler of this controller: refuses anyone but an operator. */
	@ModelAttribute("operator")
	Operator operator(@Nullable Authentication authentication) {
		var id = SignedIn.userId(authentication);
		if (id == null) {
			throw notOperator();
		}
		var user = this.accounts.find(id)
			.filter(account -> account.emailVerified() && this.properties.isAdmin(account.email()))
			.orElseThrow(AdminController::notOperator);
		return new Operator(user.id(), user.email());
	}

	private static Problem notOperator() {
		return Problem.forbidden("operator_only", "This page is for the operator of this installation.");
	}

	@GetMapping("/admin")
	String admin(@RequestParam(required = false) @Nullable PolicyKind edit, Model model) {
		if (!model.containsAttribute("publishForm")) {
			var base = this.policies.current(edit == null ? PolicyKind.PRIVACY : edit);
			model.addAttribute("publishForm",
					edit == null ? new PublishForm(null, "", "", "") : new PublishForm(edit, base.title(), base.body(), ""));
		}
		if (!model.containsAttribute("newsForm")) {
			model.addAttribute("newsForm", new NewsForm("", ""));
		}
		model.addAttribute("kinds", PolicyKind.values());
		model.addAttribute("privacyVersions", this.policies.history(PolicyKind.PRIVACY));
		model.addAttribute("termsVersions", this.policies.history(PolicyKind.TERMS));
		model.addAttribute("requests", this.requests.list(200));
		model.addAttribute("newsRecipients", this.consents.grantedBy(Purpose.NEWS).size());
		model.addAttribute("sentNews", this.news.recent(10));
		model.addAttribute("featureUse", this.featureUse.counts(30));
		return "policies/admin";
	}

	@PostMapping("/admin/policies")
	String publish(@ModelAttribute(name = "operator", binding = false) Operator operator, @Valid @ModelAttribute("publishForm") PublishForm form,
			BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				var version = this.policies.publish(form.kind(), form.title(), form.body(), form.summary(), operator.email());
				audit(operator, "policy.published", version.kind().label() + " version " + version.version(), request);
				redirect.addFlashAttribute("notice", "Published " + version.kind().label() + " version " + version.version()
						+ ". Every user is being mailed and sees a banner until they acknowledge it.");
				return "redirect:/admin";
			}
			catch (Problem problem) {
				Forms.reject(errors, problem);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return admin(null, model);
	}

	@GetMapping("/admin/requests/{id}")
	String request(@PathVariable UUID id, Model model) {
		model.addAttribute("contactRequest", this.requests.find(id)
			.orElseThrow(() -> Problem.notFound("request_not_found", "This request does not exist.")));
		if (!model.containsAttribute("answerForm")) {
			model.addAttribute("answerForm", new AnswerForm(""));
		}
		return "policies/request";
	}

	@PostMapping("/admin/requests/{id}/answer")
	String answer(@ModelAttribute(name = "operator", binding = false) Operator operator, @PathVariable UUID id,
			@Valid @ModelAttribute("answerForm") AnswerForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return request(id, model);
		}
		// Unknown or already answered: the error page says so (404, 409).
		var answered = this.requests.answer(id, form.answer(), operator.email());
		audit(operator, "privacy_request.answered", answered.email(), request);
		redirect.addFlashAttribute("notice", "Your answer has been mailed to " + answered.email() + ".");
		return "redirect:/admin";
	}

	@PostMapping("/admin/news")
	String sendNews(@ModelAttribute(name = "operator", binding = false) Operator operator, @Valid @ModelAttribute("newsForm") NewsForm form,
			BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return admin(null, model);
		}
		var sent = this.news.send(form.subject(), form.body(), operator.email());
		audit(operator, "news.sent", form.subject().strip() + " (" + sent + " recipients)", request);
		redirect.addFlashAttribute("notice", "Product news queued for " + sent + (sent == 1 ? " user" : " users") + " who asked for it.");
		return "redirect:/admin";
	}

	private void audit(Operator operator, String action, String target, HttpServletRequest request) {
		this.events.publishEvent(new Audited(null, operator.userId(), operator.email(), action, target,
				this.clientIp.of(request), Instant.now(this.clock)));
	}

	/** The signed-in operator. */
	record Operator(UUID userId, String email) {
	}

	/** A new version of a policy. */
	record PublishForm(@NotNull(message = "Choose which document this is.") @Nullable PolicyKind kind,
			@NotBlank(message = "Enter a title.") @Size(max = 200, message = "Use at most 200 characters.") String title,
			@NotBlank(message = "Enter the text.") @Size(max = 100_000, message = "Use at most 100,000 characters.") String body,
			@NotBlank(message = "Say in a few words what changed; users read this in the banner and the mail.")
			@Size(max = 2000, message = "Use at most 2000 characters.") String summary) {
	}

	/** The answer to a contact request. */
	record AnswerForm(@NotBlank(message = "Write an answer.") @Size(max = 20_000, message = "Use at most 20,000 characters.") String answer) {
	}

	/** A product-news mail. */
	record NewsForm(@NotBlank(message = "Enter a subject.") @Size(max = 200, message = "Use at most 200 characters.") String subject,
			@NotBlank(message = "Write the message.") @Size(max = 20_000, message = "Use at most 20,000 characters.") String body) {
	}

}
