package ai.softnode.billing;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shows a workspace's owners, on every dashboard page, that its messages are nearly or all used or
 * that a payment failed. Runs after the handler, which has resolved the request's {@link Tenant}.
 */
@Configuration(proxyBeanMethods = false)
class BillingBanner implements WebMvcConfigurer {

	private final Entitlements entitlements;

	private final Clock clock;

	BillingBanner(Entitlements entitlements, Clock clock) {
		this.entitlements = entitlements;
		this.clock = clock;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					@Nullable ModelAndView view) {
				if (view == null || view.getViewName() == null || view.getViewName().startsWith("redirect:")
						|| request.getRequestURI().startsWith(PlanLimits.BILLING_PATH)
						|| !(request.getAttribute(Tenant.class.getName()) instanceof Tenant tenant) || !tenant.can(Role.OWNER)) {
					return;
				}
				var text = banner(tenant);
				if (text != null) {
					view.addObject("billingBanner", text);
				}
			}

		}).addPathPatterns("/app/**");
	}

	@Nullable String banner(Tenant tenant) {
		if (!this.entitlements.billingEnabled()) {
			return null;
		}
		var state = this.entitlements.state(tenant.workspace());
		var account = state.account();
		if (account != null && account.inGrace(Instant.now(this.clock)) && account.graceUntil() != null) {
			return "Your last payment failed. Update your payment method under Billing before "
					+ account.graceUntil().toLocalDate() + ", or the workspace moves to the free plan.";
		}
		var limit = state.plan().messages();
		if (limit < 0) {
			return null;
		}
		var used = this.entitlements.messagesUsed(tenant.workspace(), state.period());
		if (used >= limit) {
			return "All " + limit + " visitor messages of this period are used: your bots answer with their fallback message"
					+ " until the period ends. Upgrade under Billing to answer more visitors.";
		}
		if (used * 100 >= limit * 80) {
			return "Your bots have used " + used + " of the " + limit + " visitor messages of this period. See Billing to upgrade.";
		}
		return null;
	}

}
