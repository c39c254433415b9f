package ai.softnode.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.softnode.policies.PolicyText.Span;

class PolicyTextTests {

	@Test
	void parsesHeadingsParagraphsListsAndBold() {
		var text = PolicyText.parse("""
				Intro line one
				continues here.

				## What we **keep**

				- first **item**
				  wrapped
				- second
				Closing paragraph.""");
		assertThat(text.blocks()).extracting(PolicyText.Block::type).containsExactly("p", "h2", "ul", "p");
		assertThat(text.blocks().get(0).parts().get(0)).containsExactly(new Span("Intro line one continues here.", false));
		assertThat(text.blocks().get(1).parts().get(0)).containsExactly(new Span("What we ", false), new Span("keep", true));
		assertThat(text.blocks().get(2).parts()).hasSize(2);
		assertThat(text.blocks().get(2).parts().get(0))
			.containsExactly(new Span("first ", false), new Span("item", true), new Span(" wrapped", false));
	}

	@Test
	void keepsUnpairedMarkersAndMarkupAsText() {
		assertThat(PolicyText.spans("a ** b <b>c</b>")).isEqualTo(List.of(new Span("a ** b <b>c</b>", false)));
		assertThat(PolicyText.spans("****")).isEqualTo(List.of(new Span("****", false)));
	}

}
