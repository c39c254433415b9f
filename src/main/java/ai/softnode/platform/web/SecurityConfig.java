package ai.softnode.platform.web;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.RateLimits;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.TenantDirectory;

/**
 * Two filter chains: the stateless JSON API (API keys, problem+json) and the dashboard (session
 * cookie, form login, CSRF). Public widget endpoints are opened here and guarded by their module.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** Pages and assets anyone may fetch. */
	static final String[] PUBLIC_PAGES = { "/", "/signup", "/login", "/verify-email", "/forgot-password",
			"/reset-password", "/privacy", "/terms", "/invitations/**", "/error", "/css/**", "/js/**", "/img/**",
			"/webjars/**", "/favicon.ico", "/favicon.svg", "/robots.txt", "/widget.js", "/widget/**", "/chat/**",
			"/docs", "/docs/**", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/actuator/health",
			"/actuator/health/**" };

	@Bean
	PasswordEncoder passwordEncoder() {
		return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
	}

	/**
	 * No observation per security filter: they wrapped each of a dozen filters of every request in a
	 * span and a timer (a fifth of a chat turn's request handling, and deeper stacks held by every open
	 * answer stream), while {@code http.server.requests} already times each request.
	 */
	@Bean
	static SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The visitors' API: public, sessionless and answered by the widget module, which checks the bot,
	 * the page's origin and the visitor token itself. Only what such requests need: security headers,
	 * no session, CSRF token, request cache, anonymous user or logout handling.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain widgetApi(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/v1/widget/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.requireExplicitSave(true))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.anonymous(anonymous -> anonymous.disable())
			.logout(logout -> logout.disable())
			.servletApi(servletApi -> servletApi.disable())
			.headers(headers -> headers.cacheControl(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ObjectProvider<TenantDirectory> directory) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/api/v1/widget/**", "/api/v1/billing/stripe/webhook").permitAll()
				.anyRequest().authenticated())
			.addFilterBefore(new ApiKeyFilter(directory), UsernamePasswordAuthenticationFilter.class)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.requireExplicitSave(true))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(request, response,
						HttpStatus.UNAUTHORIZED, "unauthenticated",
						"Send an API key as 'Authorization: Bearer <key>'. Create one under Settings → API keys."))
				.accessDeniedHandler((request, response, ex) -> ProblemResponses.write(request, response,
						HttpStatus.FORBIDDEN, "forbidden", "This API key may not do this.")))
			.headers(headers -> headers.cacheControl(Customizer.withDefaults()));
		return http.build();
	}

	/**
	 * The widget's pages and loader: public, sessionless, and framed by customers' sites, so the
	 * widget module sets their Content-Security-Policy (frame-ancestors) per bot itself.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain widget(HttpSecurity http) throws Exception {
		http.securityMatcher("/widget.js", "/widget/**", "/chat/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.requireExplicitSave(true))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.disable())
				.cacheControl(cache -> cache.disable())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain web(HttpSecurity http, SoftnodeProperties properties, RateLimits rateLimits,
			ClientIp clientIp, LoginThrottleProperties throttle) throws Exception {
		var https = "https".equalsIgnoreCase(properties.baseUrl().getScheme());
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers(PUBLIC_PAGES).permitAll()
				.requestMatchers("/actuator/prometheus").access(localOnly(clientIp))
				.requestMatchers("/actuator/**").denyAll()
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.passwordParameter("password")
				.defaultSuccessUrl("/app", false)
				.failureUrl("/login?error")
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.addFilterBefore(new LoginThrottleFilter(rateLimits, clientIp, throttle), UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> {
				headers.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
								+ "font-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
								+ "form-action 'self' https://checkout.stripe.com https://billing.stripe.com; base-uri 'self'; object-src 'none'"));
				headers.frameOptions(frame -> frame.sameOrigin());
				headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
				headers.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
						"camera=(), microphone=(), geolocation=(), payment=(), usb=()"));
				if (https) {
					headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(request -> true)
						.maxAgeInSeconds(Duration.ofDays(365).toSeconds()).includeSubDomains(true));
				}
			});
		return http.build();
	}

	@Bean
	CookieSerializer cookieSerializer(SoftnodeProperties properties) {
		var cookies = new DefaultCookieSerializer();
		cookies.setCookieName("SESSION");
		cookies.setUseHttpOnlyCookie(true);
		cookies.setSameSite("Lax");
		if ("https".equalsIgnoreCase(properties.baseUrl().getScheme())) {
			cookies.setUseSecureCookie(true);
		}
		return cookies;
	}

	/** Metrics are for the operator's scraper on this host or a trusted proxy, not for the world. */
	private static AuthorizationManager<RequestAuthorizationContext> localOnly(ClientIp clientIp) {
		var loopback4 = new IpAddressMatcher("127.0.0.0/8");
		var loopback6 = new IpAddressMatcher("::1");
		return (authentication, context) -> {
			var address = context.getRequest().getRemoteAddr();
			return new AuthorizationDecision(loopback4.matches(address) || loopback6.matches(address));
		};
	}

	/**
	 * Sign-in throttling.
	 *
	 * @param perAccount attempts allowed per email address per {@code window}
	 * @param perIp attempts allowed per client address per {@code window}
	 * @param window the period over which attempts are counted
	 */
	@ConfigurationProperties("softnode.security.login")
	record LoginThrottleProperties(@DefaultValue("10") int perAccount, @DefaultValue("50") int perIp,
			@DefaultValue("15m") Duration window) {
	}

}
