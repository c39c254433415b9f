package ai.softnode.workspaces;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.platform.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The page behind an invitation link. */
@Controller
class InvitationsController {

	private final WorkspaceManagement workspaces;

	InvitationsController(WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
	}

	@GetMapping("/invitations/{token}")
	String show(@PathVariable String token, Authentication authentication, Model model, HttpServletResponse response) {
		var invitation = this.workspaces.invitation(token).orElse(null);
		if (invitation == null) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		model.addAttribute("invitation", invitation);
		model.addAttribute("token", token);
		model.addAttribute("signedIn", authentication != null && !(authentication instanceof AnonymousAuthenticationToken));
		return "workspaces/invitation";
	}

	@PostMapping("/invitations/{token}")
	String accept(@PathVariable String token, Authentication authentication, HttpServletRequest request,
			RedirectAttributes redirect) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			throw Problem.forbidden("unauthenticated", "Sign in first, then open the invitation link again.");
		}
		var membership = this.workspaces.accept(token, UUID.fromString(authentication.getName()));
		request.getSession().setAttribute(WorkspaceLayout.CURRENT_WORKSPACE, membership.id());
		redirect.addFlashAttribute("notice", "Welcome to " + membership.name() + ".");
		return "redirect:/app";
	}

}
