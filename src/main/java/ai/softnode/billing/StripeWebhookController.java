package ai.softnode.billing;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Receives Stripe's webhooks; authenticated by their signature, not by an API key. */
@RestController
class StripeWebhookController {

	private final StripeWebhooks webhooks;

	StripeWebhookController(StripeWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	/** Acknowledges with 200 whatever was verified, including duplicates and events it ignores. */
	@PostMapping("/api/v1/billing/stripe/webhook")
	Map<String, String> receive(@RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
		return Map.of("result", this.webhooks.receive(body == null ? new byte[0] : body, signature));
	}

}
