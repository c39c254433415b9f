package ai.softnode.platform.web;

import java.io.IOException;
import java.util.Locale;

import org.springframework.web.filter.OncePerRequestFilter;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.RateLimits;
import ai.softnode.platform.RateLimits.Limit;
import ai.softnode.platform.web.SecurityConfig.LoginThrottleProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts sign-in attempts per email address and per client address before any password is checked.
 * The same answer comes back whether or not the account exists.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final ClientIp clientIp;

	private final Limit perAccount;

	private final Limit perIp;

	LoginThrottleFilter(RateLimits limits, ClientIp clientIp, LoginThrottleProperties properties) {
		this.limits = limits;
		this.clientIp = clientIp;
		this.perAccount = new Limit("login-account", properties.perAccount(), properties.window());
		this.perIp = new Limit("login-ip", properties.perIp(), properties.window());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var email = String.valueOf(request.getParameter("email")).trim().toLowerCase(Locale.ROOT);
		var waitIp = this.limits.tryTake(this.perIp, this.clientIp.of(request));
		var waitAccount = this.limits.tryTake(this.perAccount, email);
		var wait = waitIp.compareTo(waitAccount) > 0 ? waitIp : waitAccount;
		if (!wait.isZero()) {
			var minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
			response.setHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
			response.sendRedirect(request.getContextPath() + "/login?throttled=" + minutes);
			return;
		}
		chain.doFilter(request, response);
	}

}
