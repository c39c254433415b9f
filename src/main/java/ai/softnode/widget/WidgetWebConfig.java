package ai.softnode.widget;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serving the loader: {@code /widget.js} keeps one address forever (customers paste it), so it is
 * cached briefly and revalidated; the frame's own assets are content-versioned and cached for a year.
 * Visitor request bodies are capped before they are read.
 */
@Configuration(proxyBeanMethods = false)
class WidgetWebConfig implements WebMvcConfigurer {

	/** Larger than any valid visitor request (a 2,000-character message as JSON), far below abuse. */
	static final int MAX_BODY_BYTES = 32 * 1024;

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/widget.js")
			.addResourceLocations("classpath:/static/")
			.setCacheControl(CacheControl.maxAge(10, TimeUnit.MINUTES).cachePublic().staleWhileRevalidate(1, TimeUnit.DAYS));
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> visitorBodyLimit() {
		var filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				var length = request.getContentLengthLong();
				if (length > MAX_BODY_BYTES || (length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding")))) {
					response.setStatus(413);
					response.setContentType("application/problem+json");
					response.setCharacterEncoding("UTF-8");
					response.getWriter().write("{\"type\":\"https://softnode.dev/problems/payload-too-large\",\"title\":\"Content Too Large\","
							+ "\"status\":413,\"detail\":\"The request is too large.\",\"code\":\"payload_too_large\"}");
					return;
				}
				chain.doFilter(request, response);
			}
		};
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
		registration.addUrlPatterns("/api/v1/widget/*");
		registration.setOrder(Integer.MIN_VALUE + 100);
		return registration;
	}

}
