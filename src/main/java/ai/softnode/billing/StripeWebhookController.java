package ai.softnode.billing;

import java.io.IOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.platform.Problem;
import jakarta.servlet.http.HttpServletRequest;

/** Receives Stripe's webhooks; authenticated by their signature, not by an API key. */
@RestController
class StripeWebhookController {

	/** Stripe's events are a few kilobytes; anything far larger is not one and is not read into memory. */
	static final int MAX_BYTES = 512 * 1024;

	private final StripeWebhooks webhooks;

	StripeWebhookController(StripeWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	/** Acknowledges with 200 whatever was verified, including duplicates and events it ignores. */
	@PostMapping("/api/v1/billing/stripe/webhook")
	Map<String, String> receive(HttpServletRequest request,
			@RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) throws IOException {
		var body = request.getInputStream().readNBytes(MAX_BYTES + 1);
		if (body.length > MAX_BYTES) {
			throw new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "A Stripe event is never this large.");
		}
		return Map.of("result", this.webhooks.receive(body, signature));
	}

}
