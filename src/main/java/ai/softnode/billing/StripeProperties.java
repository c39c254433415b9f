package ai.softnode.billing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe access ({@code STRIPE_SECRET_KEY}, {@code STRIPE_WEBHOOK_SECRET}, {@code STRIPE_API_BASE});
 * billing is on only with a secret key.
 *
 * @param apiBase another API address, for local stand-ins; blank for Stripe itself
 * @param webhookTolerance how old a webhook's signed timestamp may be
 */
@ConfigurationProperties("stripe")
public record StripeProperties(@DefaultValue("") String secretKey, @DefaultValue("") String webhookSecret,
		@DefaultValue("") String apiBase, @DefaultValue("300s") Duration webhookTolerance) {

	public boolean enabled() {
		return !this.secretKey.isBlank();
	}

	@Override
	public String toString() {
		return "StripeProperties[secretKey=" + (enabled() ? "(set)" : "(none)") + ", webhookSecret="
				+ (this.webhookSecret.isBlank() ? "(none)" : "(set)") + ", apiBase=" + this.apiBase + "]";
	}

}
