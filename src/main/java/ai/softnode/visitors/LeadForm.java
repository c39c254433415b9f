package ai.softnode.visitors;

import org.jspecify.annotations.Nullable;

/**
 * Contact details as a visitor or an owner typed them; validated by {@link LeadManagement}.
 *
 * @param answer the answer to the bot's own lead form question, if it has one
 */
public record LeadForm(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String company,
		@Nullable String answer, @Nullable Boolean consent) {
}
