package ai.softnode.visitors;

import org.jspecify.annotations.Nullable;

/** Contact details as a visitor or an owner typed them; validated by {@link LeadManagement}. */
public record LeadForm(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String company,
		@Nullable Boolean consent) {
}
