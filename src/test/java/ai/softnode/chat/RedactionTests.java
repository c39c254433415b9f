package ai.softnode.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTests {

	@Test
	void replacesEachKindOfPersonalData() {
		assertThat(Redaction.redact("Write to jane.doe+shop@example.co.uk please")).isEqualTo("Write to [email] please");
		assertThat(Redaction.redact("Call +44 20 7946 0958 or 0049-30-1234567")).isEqualTo("Call [phone] or [phone]");
		assertThat(Redaction.redact("Card 4111 1111 1111 1111, thanks")).isEqualTo("Card [card number], thanks");
		assertThat(Redaction.redact("IBAN GB82 WEST 1234 5698 7654 32 is mine")).isEqualTo("IBAN [iban] is mine");
	}

	@Test
	void findsDataRightAtTheThresholdsThatSkipThePatterns() {
		// seven digits: the fewest a phone number is taken for
		assertThat(Redaction.redact("ring 555-0123 now")).isEqualTo("ring [phone] now");
		// thirteen digits passing Luhn: the shortest card number
		assertThat(Redaction.redact("card 4222222222222")).isEqualTo("card [card number]");
		// an address with no digit at all
		assertThat(Redaction.redact("a@b.io")).isEqualTo("[email]");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		var question = "Question number 42: do you ship to Canada?";
		assertThat(Redaction.redact(question)).isEqualTo(question);
		assertThat(Redaction.redact("Order 123456 arrived")).as("six digits are no phone number").isEqualTo("Order 123456 arrived");
		assertThat(Redaction.redact("card 4111 1111 1111 1112")).as("fails Luhn").doesNotContain("[card number]");
		assertThat(Redaction.redact("")).isEmpty();
	}

}
