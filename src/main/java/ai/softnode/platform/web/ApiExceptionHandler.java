package ai.softnode.platform.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import ai.softnode.platform.Problem;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure of a JSON API controller to problem+json with a stable {@code code}. Dashboard
 * controllers are left to {@link ErrorPages}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

	@ExceptionHandler(Problem.class)
	ResponseEntity<ProblemDetail> problem(Problem problem, HttpServletRequest request) {
		var response = ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (problem.retryAfter() != null) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfter().toSeconds()));
		}
		return response.body(ProblemResponses.detail(problem.status(), problem.code(), problem.getMessage(),
				request.getRequestURI(), problem.violations()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		var cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return respond(request, HttpStatus.BAD_REQUEST, "unknown_field",
					"Unknown field '" + unknown.getPropertyName() + "'.",
					List.of(new Problem.Violation(unknown.getPropertyName(), "This field is not accepted here.")));
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			var field = path((DatabindException) cause);
			if (!field.isEmpty()) {
				return respond(request, HttpStatus.BAD_REQUEST, "invalid_type",
						"Field '" + field + "' has the wrong type.",
						List.of(new Problem.Violation(field, "Wrong type for this field.")));
			}
			return respond(request, HttpStatus.BAD_REQUEST, "invalid_body", "The request body has the wrong shape.", List.of());
		}
		if (cause instanceof JacksonException) {
			return respond(request, HttpStatus.BAD_REQUEST, "malformed_json", "The request body is not valid JSON.", List.of());
		}
		return respond(request, HttpStatus.BAD_REQUEST, "malformed_body", "The request body is missing or unreadable.", List.of());
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
		var violations = new ArrayList<Problem.Violation>();
		ex.getBindingResult().getFieldErrors().forEach(error ->
				violations.add(new Problem.Violation(error.getField(), String.valueOf(error.getDefaultMessage()))));
		ex.getBindingResult().getGlobalErrors().forEach(error ->
				violations.add(new Problem.Violation(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
		return problem(Problem.invalid(violations), request);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request) {
		var violations = new ArrayList<Problem.Violation>();
		ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
				violations.add(new Problem.Violation(String.valueOf(result.getMethodParameter().getParameterName()),
						String.valueOf(error.getDefaultMessage())))));
		return problem(Problem.invalid(violations), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		if (isPathVariable(ex)) {
			return respond(request, HttpStatus.NOT_FOUND, "not_found", "Nothing exists at this address.", List.of());
		}
		return respond(request, HttpStatus.BAD_REQUEST, "invalid_parameter", "Parameter '" + ex.getName() + "' is invalid.",
				List.of(new Problem.Violation(ex.getName(), "Invalid value.")));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.BAD_REQUEST, "missing_parameter",
				"Parameter '" + ex.getParameterName() + "' is required.",
				List.of(new Problem.Violation(ex.getParameterName(), "Required.")));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
				"Send the body as " + ex.getSupportedMediaTypes() + ".", List.of());
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ProblemDetail> notAcceptable(HttpServletRequest request) {
		return respond(request, HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This resource cannot be served in the requested format.", List.of());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return respond(request, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
				"Method " + ex.getMethod() + " is not allowed here.", List.of());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(HttpServletRequest request) {
		return respond(request, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The upload is larger than allowed.", List.of());
	}

	/**
	 * Every database connection stayed busy for the pool's whole wait: the node is overloaded. Nothing
	 * of the request was stored; the client is told to come back shortly rather than that it failed.
	 */
	@ExceptionHandler(org.springframework.jdbc.CannotGetJdbcConnectionException.class)
	ResponseEntity<ProblemDetail> busy(HttpServletRequest request) {
		return problem(Problem.busy(), request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(HttpServletRequest request) {
		return respond(request, HttpStatus.FORBIDDEN, "forbidden", "You may not do this.", List.of());
	}

	private ResponseEntity<ProblemDetail> respond(HttpServletRequest request, HttpStatus status, String code,
			String detail, List<Problem.Violation> violations) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemResponses.detail(status, code, detail, request.getRequestURI(), violations));
	}

	private static boolean isPathVariable(MethodArgumentTypeMismatchException ex) {
		return ex.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
	}

	private static String path(DatabindException ex) {
		var names = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				names.append(names.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				names.append('[').append(reference.getIndex()).append(']');
			}
		}
		return names.toString();
	}

}
