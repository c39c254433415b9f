package ai.softnode.platform.web;

import java.io.IOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import ai.softnode.platform.TenantDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates {@code Authorization: Bearer <api key>} on the JSON API. */
final class ApiKeyFilter extends OncePerRequestFilter {

	private final ObjectProvider<TenantDirectory> directory;

	ApiKeyFilter(ObjectProvider<TenantDirectory> directory) {
		this.directory = directory;
	}

	/** Visitor endpoints use visitor tokens and the webhook its signature, not API keys. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/v1/widget/") || path.equals("/api/v1/billing/stripe/webhook");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			var key = header.substring(7).trim();
			var directory = this.directory.getIfAvailable();
			var tenant = directory == null ? null : directory.forApiKey(key).orElse(null);
			if (tenant == null) {
				ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "invalid_api_key",
						"The API key is unknown or has been revoked.");
				return;
			}
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new TenantAuthentication(tenant));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
