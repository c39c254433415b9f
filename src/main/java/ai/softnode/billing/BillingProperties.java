package ai.softnode.billing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The plans on offer and the self-hosted plan used while billing is off.
 *
 * @param defaultPlan the plan of a workspace without a paid subscription
 * @param gracePeriod how long a workspace keeps its paid plan after a failed payment
 * @param plans the plans by key, in the order the billing page shows them
 * @param selfHosted the limits of every workspace when billing is off
 */
@Validated
@ConfigurationProperties("softnode.billing")
public record BillingProperties(@DefaultValue("free") @NotBlank String defaultPlan, @DefaultValue("P7D") @NotNull Duration gracePeriod,
		@DefaultValue Map<String, PlanSettings> plans, @DefaultValue PlanSettings selfHosted) {

	public BillingProperties {
		plans = new LinkedHashMap<>(plans);
		if (!plans.containsKey(defaultPlan)) {
			plans.put(defaultPlan, new PlanSettings("Free", "$0", null, 1, 100, 200_000, 1, false));
		}
	}

	/**
	 * One plan; a limit of -1 is unlimited.
	 *
	 * @param price what the billing page shows, e.g. {@code $29 / month}
	 * @param priceId the Stripe price of its monthly subscription; none for a free plan
	 */
	public record PlanSettings(@DefaultValue("Self-hosted") String name, @DefaultValue("") String price, @Nullable String priceId,
			@DefaultValue("-1") long bots, @DefaultValue("-1") long messages, @DefaultValue("-1") long knowledgeCharacters,
			@DefaultValue("-1") long members, @DefaultValue("true") boolean brandingRemovable) {

		Plan toPlan(String key) {
			return new Plan(key, this.name, this.price, this.priceId == null || this.priceId.isBlank() ? null : this.priceId,
					this.bots, this.messages, this.knowledgeCharacters, this.members, this.brandingRemovable);
		}

	}

}
