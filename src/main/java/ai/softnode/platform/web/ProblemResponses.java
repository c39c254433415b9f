package ai.softnode.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import ai.softnode.platform.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem documents, always with a stable {@code code} member. */
final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	static ProblemDetail detail(HttpStatus status, String code, String detail, @Nullable String path,
			List<Problem.Violation> violations) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://softnode.dev/problems/" + code.replace('_', '-')));
		problem.setProperty("code", code);
		if (path != null) {
			problem.setInstance(URI.create(path));
		}
		if (!violations.isEmpty()) {
			problem.setProperty("errors", violations.stream()
				.map(v -> Map.of("field", v.field(), "message", v.message()))
				.toList());
		}
		return problem;
	}

	/** Writes a problem directly, for filters that run before Spring MVC. */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		var problem = detail(status, code, detail, request.getRequestURI(), List.of());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		var body = new java.util.LinkedHashMap<String, Object>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", String.valueOf(problem.getInstance()));
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		JSON.writeValue(response.getOutputStream(), body);
	}

	static boolean isApi(HttpServletRequest request) {
		var uri = request.getRequestURI();
		var context = request.getContextPath();
		return uri.startsWith(context + "/api/");
	}

}
