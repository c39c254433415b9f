package ai.softnode.policies;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Gives every dashboard page the policy versions the signed-in user has not acknowledged yet; the
 * layout shows them as a banner ({@code templates/policies/banner.html}).
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class PolicyBanner {

	private final Policies policies;

	PolicyBanner(Policies policies) {
		this.policies = policies;
	}

	@ModelAttribute("policyUpdates")
	List<PolicyVersion> policyUpdates(@Nullable Authentication authentication, HttpServletRequest request) {
		var uri = request.getRequestURI();
		var user = SignedIn.userId(authentication);
		if (user == null || !"GET".equals(request.getMethod()) || !(uri.equals("/app") || uri.startsWith("/app/"))) {
			return List.of();
		}
		return this.policies.unacknowledged(user);
	}

}
