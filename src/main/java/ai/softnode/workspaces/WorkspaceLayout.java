package ai.softnode.workspaces;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.NavItem;
import ai.softnode.platform.Role;
import jakarta.servlet.http.HttpServletRequest;

/** Who is signed in and in which workspace, for the page header of every dashboard page. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class WorkspaceLayout {

	static final String CURRENT_WORKSPACE = "softnode.workspace";

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	WorkspaceLayout(AccountManagement accounts, WorkspaceManagement workspaces) {
		this.accounts = accounts;
		this.workspaces = workspaces;
	}

	@ModelAttribute("layout")
	@Nullable Layout layout(@Nullable Authentication authentication, HttpServletRequest request) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated() || !(request.getRequestURI().startsWith("/app") || request.getRequestURI().startsWith("/admin"))) {
			return null;
		}
		UUID userId;
		try {
			userId = UUID.fromString(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		var user = this.accounts.find(userId).orElse(null);
		if (user == null) {
			return null;
		}
		var session = request.getSession(false);
		var preferred = session == null ? null : session.getAttribute(CURRENT_WORKSPACE);
		var memberships = this.workspaces.memberships(userId);
		var current = memberships.stream().filter(m -> m.id().equals(preferred)).findFirst()
			.or(() -> memberships.stream().findFirst()).orElse(null);
		return new Layout(user.name(), user.email(), user.emailVerified(), current == null ? null : current.id(),
				current == null ? "" : current.name(), current == null ? null : current.role(), memberships);
	}

	/** What the page header shows. */
	record Layout(String userName, String email, boolean emailVerified, @Nullable UUID workspaceId, String workspaceName,
			@Nullable Role role, List<Membership> workspaces) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavItem settingsNavigation() {
			return new NavItem("Settings", "/app/settings", 90);
		}

	}

}
