package ai.softnode.accounts;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.Forms;
import ai.softnode.platform.Problem;
import ai.softnode.platform.RateLimits;
import ai.softnode.platform.RateLimits.Limit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Public account pages: sign-up, sign-in, email verification and password reset. */
@Controller
class AccountsController {

	private static final Limit SIGNUPS_PER_IP = new Limit("signup-ip", 20, Duration.ofHours(1));

	private static final Limit RESETS_PER_IP = new Limit("reset-ip", 10, Duration.ofMinutes(15));

	private static final Limit RESETS_PER_ACCOUNT = new Limit("reset-account", 3, Duration.ofMinutes(15));

	private final AccountManagement accounts;

	private final RateLimits limits;

	private final ClientIp clientIp;

	private final TaskExecutor executor;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountsController(AccountManagement accounts, RateLimits limits, ClientIp clientIp,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.accounts = accounts;
		this.limits = limits;
		this.clientIp = clientIp;
		this.executor = executor;
	}

	@GetMapping("/signup")
	String signUpForm(Model model, Authentication authentication) {
		if (signedIn(authentication)) {
			return "redirect:/app";
		}
		model.addAttribute("form", new SignUp("", "", "", ""));
		return "accounts/signup";
	}

	@PostMapping("/signup")
	String signUp(@Valid @ModelAttribute("form") SignUp form, BindingResult errors, HttpServletRequest request,
			HttpServletResponse response) {
		this.limits.take(SIGNUPS_PER_IP, this.clientIp.of(request), "Too many sign-ups from your network. Please try again later.");
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "accounts/signup";
		}
		UserAccount user;
		try {
			user = this.accounts.signUp(form);
		}
		catch (Problem problem) {
			Forms.reject(errors, problem);
			response.setStatus(problem.status().value());
			return "accounts/signup";
		}
		signIn(user, request, response);
		return "redirect:/app?welcome";
	}

	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(required = false) Integer throttled, Model model,
			HttpServletResponse response) {
		if (signedIn(authentication)) {
			return "redirect:/app";
		}
		if (throttled != null) {
			model.addAttribute("throttledMinutes", Math.max(1, throttled));
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		}
		return "accounts/login";
	}

	@GetMapping("/verify-email")
	String verifyEmail(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		try {
			var verified = token.isBlank() ? null : this.accounts.verifyEmail(token).orElse(null);
			if (verified == null) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				model.addAttribute("ok", false);
				model.addAttribute("message", "This confirmation link has expired or was already used.");
			}
			else {
				model.addAttribute("ok", true);
				model.addAttribute("message", "Thank you: " + verified.email() + " is confirmed.");
			}
		}
		catch (Problem problem) {
			response.setStatus(problem.status().value());
			model.addAttribute("ok", false);
			model.addAttribute("message", problem.getMessage());
		}
		return "accounts/verified";
	}

	@PostMapping("/app/account/resend-verification")
	String resendVerification(Authentication authentication, RedirectAttributes redirect) {
		this.limits.take(new Limit("resend-verification", 3, Duration.ofHours(1)), authentication.getName(),
				"You asked for several links already; please check your inbox (and spam folder).");
		this.accounts.resendVerification(java.util.UUID.fromString(authentication.getName()));
		redirect.addFlashAttribute("notice", "We sent you a new confirmation link.");
		return "redirect:/app";
	}

	@GetMapping("/forgot-password")
	String forgotForm(Model model) {
		model.addAttribute("form", new ForgotPassword(""));
		return "accounts/forgot";
	}

	@PostMapping("/forgot-password")
	String forgot(@Valid @ModelAttribute("form") ForgotPassword form, BindingResult errors, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "accounts/forgot";
		}
		var email = form.email().trim();
		var waitIp = this.limits.tryTake(RESETS_PER_IP, this.clientIp.of(request));
		var waitAccount = this.limits.tryTake(RESETS_PER_ACCOUNT, email.toLowerCase(java.util.Locale.ROOT));
		if (!waitIp.isZero() || !waitAccount.isZero()) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("throttled", true);
			return "accounts/forgot";
		}
		// Handled off the request thread: known and unknown addresses answer in the same time.
		this.executor.execute(() -> this.accounts.requestPasswordReset(email));
		model.addAttribute("sent", true);
		return "accounts/forgot";
	}

	@GetMapping("/reset-password")
	String resetForm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		model.addAttribute("form", new ResetPassword(token, ""));
		if (token.isBlank() || !this.accounts.isResetTokenValid(token)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("invalid", true);
		}
		return "accounts/reset";
	}

	@PostMapping("/reset-password")
	String reset(@Valid @ModelAttribute("form") ResetPassword form, BindingResult errors, HttpServletResponse response,
			Model model) {
		if (errors.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "accounts/reset";
		}
		try {
			this.accounts.resetPassword(form.token(), form.password());
		}
		catch (Problem problem) {
			response.setStatus(problem.status().value());
			if (problem.violations().isEmpty()) {
				model.addAttribute("invalid", true);
			}
			Forms.reject(errors, problem);
			return "accounts/reset";
		}
		return "redirect:/login?reset";
	}

	private void signIn(UserAccount user, HttpServletRequest request, HttpServletResponse response) {
		var principal = org.springframework.security.core.userdetails.User.withUsername(user.id().toString())
			.password("")
			.authorities(List.of(new SimpleGrantedAuthority("ROLE_USER")))
			.build();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		request.getSession(true);
		request.changeSessionId();
		this.contexts.saveContext(context, request, response);
	}

	private static boolean signedIn(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	record ForgotPassword(@NotBlank(message = "Enter your email address.") @Size(max = 254, message = "Use at most 254 characters.") String email) {
	}

	record ResetPassword(String token, @NotBlank(message = "Choose a new password.") @Size(max = 128, message = "Use at most 128 characters.") String password) {

		@Override
		public String toString() {
			return "ResetPassword[]";
		}

	}

}
