package ai.softnode.platform.web;

import java.util.List;
import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import ai.softnode.platform.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The error endpoint: a friendly page for people, problem+json for the API; never a stack trace.
 * Also renders {@link Problem}s thrown by dashboard controllers.
 */
@Controller
@ControllerAdvice
class ErrorPages implements ErrorController {

	private static final Map<Integer, String> MESSAGES = Map.of(
			400, "The request could not be understood.",
			401, "Please sign in first.",
			403, "You do not have access to this page.",
			404, "This page does not exist, or it is not in your workspace.",
			405, "This action is not available here.",
			413, "That was larger than allowed.",
			429, "Too many requests. Please wait a moment and try again.",
			500, "Something went wrong on our side. It has been logged; please try again.");

	@RequestMapping("/error")
	Object error(HttpServletRequest request, HttpServletResponse response) {
		var status = resolve(request);
		var original = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		var detail = MESSAGES.getOrDefault(status.value(), status.getReasonPhrase());
		if ((original != null && original.startsWith(request.getContextPath() + "/api/")) || wantsJson(request)) {
			ProblemDetail problem = ProblemResponses.detail(status, codeFor(status), detail, original, List.of());
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		return page(status, detail);
	}

	@ExceptionHandler(Problem.class)
	ModelAndView problem(Problem problem, HttpServletResponse response) {
		if (problem.retryAfter() != null) {
			response.setHeader("Retry-After", String.valueOf(problem.retryAfter().toSeconds()));
		}
		return page(problem.status(), problem.getMessage());
	}

	private static ModelAndView page(HttpStatus status, String detail) {
		var view = new ModelAndView("error");
		view.setStatus(status);
		view.addObject("status", status.value());
		view.addObject("title", status.value() == 404 ? "Page not found"
				: status.value() == 403 ? "Access denied" : status.is5xxServerError() ? "Something went wrong" : status.getReasonPhrase());
		view.addObject("detail", detail);
		return view;
	}

	private static boolean wantsJson(HttpServletRequest request) {
		var accept = request.getHeader("Accept");
		return accept != null && !accept.contains("text/html")
				&& (accept.contains("application/json") || accept.contains("application/problem+json"));
	}

	private static HttpStatus resolve(HttpServletRequest request) {
		var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			var status = HttpStatus.resolve(value);
			if (status != null) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String codeFor(HttpStatus status) {
		return switch (status.value()) {
			case 400 -> "bad_request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 413 -> "payload_too_large";
			case 429 -> "rate_limited";
			default -> status.is5xxServerError() ? "internal_error" : "error";
		};
	}

}
