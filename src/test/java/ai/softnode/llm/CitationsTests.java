package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Citation markers map back to the caller's passage ids; "I don't know" is recognised. */
class CitationsTests {

	private static final List<ContextPassage> PASSAGES = List.of(ContextPassage.text("a", "A", null, "alpha", 1),
			ContextPassage.text("b", "B", null, "beta", 0.5), ContextPassage.qa("c", "Gamma?", "gamma", 0.2));

	@Test
	void readsSingleAndGroupedMarkersInOrderOfFirstUse() {
		assertThat(Citations.cited("Beta [P2]. Both [P1, P2]; also [ P3 ] and [P3;P1].", PASSAGES))
			.containsExactly("b", "a", "c");
	}

	@Test
	void ignoresMarkersOfPassagesThatWereNotGiven() {
		assertThat(Citations.cited("See [P0], [P4] and [P12] and [Q1] and P1.", PASSAGES)).isEmpty();
	}

	@Test
	void answeredWithPassagesMeansAtLeastOneCitation() {
		assertThat(Citations.answered("Alpha [P1].", PASSAGES, List.of("a"), "Sorry.")).isTrue();
		assertThat(Citations.answered("Alpha, surely.", PASSAGES, List.of(), "Sorry.")).isFalse();
	}

	@Test
	void answeredWithoutPassagesMeansTheModelDidNotSayItCannotAnswer() {
		var fallback = "Sorry, I can't help with that. Leave your email!";

		assertThat(Citations.answered("Hello! I am the shop's assistant.", List.of(), List.of(), fallback)).isTrue();
		assertThat(Citations.answered("I don\u2019t know that, I'm afraid.", List.of(), List.of(), fallback)).isFalse();
		assertThat(Citations.answered("The passages do not contain information about that.", List.of(), List.of(),
				fallback)).isFalse();
		assertThat(Citations.answered("Hmm. " + fallback, List.of(), List.of(), fallback)).isFalse();
		assertThat(Citations.answered(" ", List.of(), List.of(), fallback)).isFalse();
	}

}
