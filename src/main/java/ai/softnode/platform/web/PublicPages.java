package ai.softnode.platform.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page (the legal pages belong to the policies module). */
@Controller
class PublicPages {

	@GetMapping("/")
	String landing(Authentication authentication) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/app";
		}
		return "public/landing";
	}

}
