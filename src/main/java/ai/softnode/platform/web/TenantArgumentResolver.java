package ai.softnode.platform.web;

import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;

/** Supplies the {@link Tenant} argument of controller methods from the API key or the session. */
final class TenantArgumentResolver implements HandlerMethodArgumentResolver {

	/** Session attribute holding the workspace the user last switched to. */
	static final String CURRENT_WORKSPACE = "softnode.workspace";

	private final TenantDirectory directory;

	TenantArgumentResolver(TenantDirectory directory) {
		this.directory = directory;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Tenant.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		var tenant = resolve(webRequest.getNativeRequest(HttpServletRequest.class), this.directory);
		if (tenant == null) {
			throw Problem.forbidden("no_workspace", "You are not a member of any workspace.");
		}
		return tenant;
	}

	static Tenant resolve(HttpServletRequest request, TenantDirectory directory) {
		var cached = request.getAttribute(Tenant.class.getName());
		if (cached instanceof Tenant tenant) {
			return tenant;
		}
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			throw Problem.forbidden("unauthenticated", "Please sign in first.");
		}
		Tenant tenant;
		if (authentication instanceof TenantAuthentication api) {
			tenant = api.tenant();
		}
		else {
			var session = request.getSession(false);
			var preferred = session == null ? null : session.getAttribute(CURRENT_WORKSPACE);
			tenant = directory.forUser(UUID.fromString(authentication.getName()),
					preferred instanceof UUID id ? id : null).orElse(null);
		}
		if (tenant != null) {
			request.setAttribute(Tenant.class.getName(), tenant);
		}
		return tenant;
	}

}
