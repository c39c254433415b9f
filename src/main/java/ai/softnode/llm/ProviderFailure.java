package ai.softnode.llm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;

/**
 * Why a call to the provider did not finish, as a stable code for logs and metrics.
 *
 * @param code the stable code
 * @param message a description safe for logs (no key, no prompt)
 * @param countsAgainstProvider whether the circuit breaker records it as a provider failure: server
 * errors, overload, timeouts and broken connections do; rejected requests, rate limits and our own
 * side's trouble do not
 * @param retryable whether one retry may help (a connection failure before any text)
 */
record ProviderFailure(String code, String message, boolean countsAgainstProvider, boolean retryable) {

	static final String UNAVAILABLE = "provider_unavailable";

	static final String OVERLOADED = "overloaded";

	static final String PROVIDER_ERROR = "provider_error";

	static final String RATE_LIMITED = "rate_limited";

	static final String AUTH_FAILED = "auth_failed";

	static final String BAD_REQUEST = "bad_request";

	static final String FIRST_TOKEN_TIMEOUT = "first_token_timeout";

	static final String TIMEOUT = "timeout";

	static final String CONNECTION_FAILED = "connection_failed";

	static final String STREAM_INTERRUPTED = "stream_interrupted";

	static final String BAD_RESPONSE = "bad_response";

	static final String DELIVERY_FAILED = "delivery_failed";

	static final String CANCELLED = "cancelled";

	static final String UNEXPECTED = "unexpected";

	private static final int MAX_MESSAGE = 300;

	static ProviderFailure firstTokenTimeout(long millis) {
		return new ProviderFailure(FIRST_TOKEN_TIMEOUT, "no text after " + millis + " ms", true, false);
	}

	static ProviderFailure timeout(long millis) {
		return new ProviderFailure(TIMEOUT, "answer not finished after " + millis + " ms", true, false);
	}

	/** The stream ended cleanly but before {@code message_stop}: the connection was cut. */
	static ProviderFailure streamEnded(boolean textSent) {
		return textSent ? new ProviderFailure(STREAM_INTERRUPTED, "stream ended before message_stop", true, false)
				: new ProviderFailure(CONNECTION_FAILED, "stream ended before any text", true, true);
	}

	/** The answering thread was interrupted: the caller gave up, the provider is not to blame. */
	static ProviderFailure cancelled() {
		return new ProviderFailure(CANCELLED, "the answering thread was interrupted", false, false);
	}

	static ProviderFailure delivery(Throwable cause) {
		return new ProviderFailure(DELIVERY_FAILED, trim(String.valueOf(cause.getCause())), false, false);
	}

	/**
	 * Classifies what the SDK threw.
	 *
	 * @param textSent whether some text already went to the sink (no retry then)
	 * @param pastDeadline whether the whole answer's time is used up
	 */
	static ProviderFailure of(Throwable ex, boolean textSent, boolean pastDeadline) {
		if (ex instanceof AnthropicServiceException service) {
			return service(service);
		}
		var io = ioCause(ex);
		if (io != null) {
			return io(io, textSent, pastDeadline);
		}
		if (ex instanceof AnthropicInvalidDataException) {
			return new ProviderFailure(BAD_RESPONSE, trim("unreadable response: " + ex.getMessage()), true, false);
		}
		return new ProviderFailure(UNEXPECTED, trim(ex.getClass().getSimpleName() + ": " + ex.getMessage()), false, false);
	}

	/** An HTTP error status, or an {@code error} event inside the stream (HTTP 200, type in the body). */
	private static ProviderFailure service(AnthropicServiceException ex) {
		var status = ex.statusCode();
		var type = ex.errorType().map(t -> t.asString()).orElse("");
		var where = ex instanceof SseException ? "error event in the stream" : "HTTP " + status;
		var message = trim(where + (type.isEmpty() ? "" : " " + type) + ex.apiMessage().map(m -> ": " + m).orElse(""));
		if (status == 529 || type.equals("overloaded_error")) {
			return new ProviderFailure(OVERLOADED, message, true, false);
		}
		if (status == 429 || type.equals("rate_limit_error")) {
			return new ProviderFailure(RATE_LIMITED, message, false, false);
		}
		if (status == 401 || status == 403 || type.equals("authentication_error") || type.equals("permission_error")) {
			return new ProviderFailure(AUTH_FAILED, message, false, false);
		}
		if (status == 408 || status == 504 || type.equals("timeout_error")) {
			return new ProviderFailure(TIMEOUT, message, true, false);
		}
		if (status >= 500 || type.equals("api_error")) {
			return new ProviderFailure(PROVIDER_ERROR, message, true, false);
		}
		return new ProviderFailure(BAD_REQUEST, message, false, false);
	}

	private static ProviderFailure io(IOException io, boolean textSent, boolean pastDeadline) {
		var message = trim(io.getClass().getSimpleName() + ": " + io.getMessage());
		if (connectFailure(io)) {
			return new ProviderFailure(CONNECTION_FAILED, message, true, !textSent && !pastDeadline);
		}
		if (io instanceof InterruptedIOException) {
			// read timeouts and OkHttp's call timeout; which one tripped matters less than when
			var code = pastDeadline || textSent ? TIMEOUT : FIRST_TOKEN_TIMEOUT;
			return new ProviderFailure(code, message, true, false);
		}
		return textSent ? new ProviderFailure(STREAM_INTERRUPTED, message, true, false)
				: new ProviderFailure(CONNECTION_FAILED, message, true, !pastDeadline);
	}

	private static boolean connectFailure(IOException io) {
		return io instanceof ConnectException || io instanceof NoRouteToHostException
				|| io instanceof UnknownHostException || (io instanceof SocketTimeoutException
						&& String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
	}

	private static @Nullable IOException ioCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static String trim(String message) {
		var single = message.replaceAll("\\s+", " ").strip();
		return single.length() <= MAX_MESSAGE ? single : single.substring(0, MAX_MESSAGE) + "…";
	}

}
