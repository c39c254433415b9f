package ai.softnode.policies;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Product-improvement analytics: anonymous per-day counts of dashboard routes ("GET /app/bots/{id}"),
 * counted only when the signed-in user has allowed it at the time of the request. Neither the user nor
 * the concrete path (which may hold ids) is stored.
 */
@Configuration(proxyBeanMethods = false)
class FeatureUse implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(FeatureUse.class);

	private final JdbcClient jdbc;

	private final Consents consents;

	private final Clock clock;

	FeatureUse(JdbcClient jdbc, Consents consents, Clock clock) {
		this.jdbc = jdbc;
		this.consents = consents;
		this.clock = clock;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
					@Nullable Exception ex) {
				if (ex != null || response.getStatus() >= 400 || !(handler instanceof HandlerMethod)
						|| !(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)) {
					return;
				}
				var user = SignedIn.userId(SecurityContextHolder.getContext().getAuthentication());
				if (user == null) {
					return;
				}
				try {
					if (FeatureUse.this.consents.granted(user, Purpose.ANALYTICS)) {
						record(request.getMethod() + " " + pattern);
					}
				}
				catch (RuntimeException failure) {
					log.warn("Feature use not counted: {}", failure.toString());
				}
			}

		}).addPathPatterns("/app", "/app/**");
	}

	/** Adds one use of {@code feature} today (UTC); safe when nodes count the same feature at once. */
	void record(String feature) {
		var today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		var name = feature.length() > 200 ? feature.substring(0, 200) : feature;
		for (int attempt = 0; attempt < 2; attempt++) {
			if (increment(today, name) > 0) {
				return;
			}
			var inserted = this.jdbc.sql("INSERT INTO policies_feature_use (use_date, feature, uses) VALUES (:d, :f, 1) ON CONFLICT DO NOTHING")
				.param("d", today).param("f", name).update();
			if (inserted > 0) {
				return;
			}
		}
	}

	private int increment(LocalDate day, String feature) {
		return this.jdbc.sql("UPDATE policies_feature_use SET uses = uses + 1 WHERE use_date = :d AND feature = :f")
			.param("d", day).param("f", feature).update();
	}

	/** The counts of the last {@code days} days, newest day first, most used first. */
	List<Count> counts(int days) {
		var since = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L);
		return this.jdbc.sql("""
				SELECT use_date, feature, uses FROM policies_feature_use WHERE use_date >= :since
				ORDER BY use_date DESC, uses DESC, feature FETCH FIRST 500 ROWS ONLY""")
			.param("since", since)
			.query((rs, n) -> new Count(rs.getObject("use_date", LocalDate.class), rs.getString("feature"), rs.getLong("uses")))
			.list();
	}

	/** Uses of one feature on one day. */
	record Count(LocalDate date, String feature, long uses) {
	}

}
