package ai.softnode.platform;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The one exception type for expected failures. Mapped once to RFC 9457 problem+json (API) or an
 * error page / form message (dashboard), always with a stable machine-readable {@code code}.
 */
public class Problem extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final List<Violation> violations;

	private final @Nullable Duration retryAfter;

	public Problem(HttpStatus status, String code, String detail) {
		this(status, code, detail, List.of(), null);
	}

	private Problem(HttpStatus status, String code, String detail, List<Violation> violations,
			@Nullable Duration retryAfter) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.violations = List.copyOf(violations);
		this.retryAfter = retryAfter;
	}

	public static Problem notFound(String code, String detail) {
		return new Problem(HttpStatus.NOT_FOUND, code, detail);
	}

	public static Problem forbidden(String code, String detail) {
		return new Problem(HttpStatus.FORBIDDEN, code, detail);
	}

	public static Problem conflict(String code, String detail) {
		return new Problem(HttpStatus.CONFLICT, code, detail);
	}

	public static Problem badRequest(String code, String detail) {
		return new Problem(HttpStatus.BAD_REQUEST, code, detail);
	}

	/** Input that failed validation; each violation names the field it belongs to. */
	public static Problem invalid(List<Violation> violations) {
		var detail = violations.size() == 1 ? violations.get(0).message()
				: "Some fields are invalid: " + String.join(", ", violations.stream().map(Violation::field).toList()) + ".";
		return new Problem(HttpStatus.BAD_REQUEST, "validation_failed", detail, violations, null);
	}

	public static Problem invalid(String field, String message) {
		return invalid(List.of(new Violation(field, message)));
	}

	public static Problem tooManyRequests(String code, String detail, Duration retryAfter) {
		return new Problem(HttpStatus.TOO_MANY_REQUESTS, code, detail, List.of(), retryAfter);
	}

	/** The node is overloaded: nothing of the request was stored, and the client may try again in 5 s. */
	public static Problem busy() {
		return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "busy",
				"Too many requests are being answered right now. Please try again in a few seconds.", List.of(), Duration.ofSeconds(5));
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public List<Violation> violations() {
		return this.violations;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/** One invalid field and why. */
	public record Violation(String field, String message) {
	}

}
