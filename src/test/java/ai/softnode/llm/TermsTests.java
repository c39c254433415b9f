package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Content words meet across inflections; question words and filler do not count. */
class TermsTests {

	@Test
	void reducesInflectionsToOneStem() {
		assertThat(stems("shipping", "shipped", "ships", "ship")).containsOnly("ship");
		assertThat(stems("policies", "policy")).containsOnly("policy");
		assertThat(stems("charges", "charging", "charged", "charge")).containsOnly(Terms.stem("charge"));
		assertThat(stems("boxes", "box")).containsOnly("box");
		assertThat(Terms.stem("internationally")).isEqualTo("international");
	}

	@Test
	void keepsShortWordsNumbersAndWordsThatOnlyLookPlural() {
		assertThat(Terms.stem("eu")).isEqualTo("eu");
		assertThat(Terms.stem("2024s")).isEqualTo("2024s");
		assertThat(Terms.stem("status")).isEqualTo("status");
		assertThat(Terms.stem("address")).isEqualTo("address");
	}

	@Test
	void dropsStopWordsAndQuestionForms() {
		assertThat(Terms.of("How long does it take to get a refund for my order's items?"))
			.containsExactly("refund", "order", "item");
	}

	@Test
	void coverageWeighsLongerWordsMore() {
		var question = Terms.of("refund eu");

		assertThat(Terms.coverage(question, Set.of("refund"))).isGreaterThan(Terms.coverage(question, Set.of("eu")));
		assertThat(Terms.coverage(question, Set.of("refund", "eu"))).isEqualTo(1.0);
		assertThat(Terms.coverage(Set.of(), Set.of("refund"))).isZero();
	}

	private static List<String> stems(String... words) {
		return Stream.of(words).map(Terms::stem).toList();
	}

}
