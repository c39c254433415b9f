package ai.softnode.llm;

import static ai.softnode.llm.LlmFixtures.FALLBACK;
import static ai.softnode.llm.LlmFixtures.opening;
import static ai.softnode.llm.LlmFixtures.request;
import static ai.softnode.llm.LlmFixtures.returns;
import static ai.softnode.llm.LlmFixtures.shippingQa;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.softnode.llm.AnswerResult.Status;
import ai.softnode.llm.LlmFixtures.RecordingSink;

/** The offline answerer answers from the knowledge it is given, or says plainly that it cannot. */
class OfflineAnswererTests {

	private final OfflineAnswerer offline = new OfflineAnswerer();

	private final RecordingSink sink = new RecordingSink();

	@Test
	void answersWithTheAnswerOfAMatchingQaPair() {
		var result = this.offline.answer(request("Do you ship to other countries?", List.of(returns(), shippingQa())),
				this.sink);

		assertThat(result.text())
			.isEqualTo("Yes, we ship to over 40 countries. International delivery takes 5 to 10 business days.");
		assertThat(result.status()).isEqualTo(Status.COMPLETE);
		assertThat(result.citedPassageIds()).containsExactly("qa-shipping");
		assertThat(result.answered()).isTrue();
		assertThat(result.provider()).isEqualTo("offline");
		assertThat(result.model()).isEqualTo("offline");
		assertThat(result.inputTokens() + result.outputTokens() + result.cacheReadTokens() + result.cacheWriteTokens())
			.isZero();
		assertThat(result.errorCode()).isNull();
	}

	@Test
	void extractsTheRelevantSentencesOfAPassageAndNamesItsSource() {
		var result = this.offline.answer(request("How many days do I have to return an item?",
				List.of(opening(), returns(), shippingQa())), this.sink);

		assertThat(result.text()).startsWith("You can return any item within 30 days of delivery.")
			.endsWith("\n\nSource: Returns policy (https://shop.example/returns)")
			.doesNotContain("Gift cards")
			.doesNotContain("Leeds");
		assertThat(result.citedPassageIds()).containsExactly("chunk-returns");
		assertThat(result.answered()).isTrue();
	}

	@Test
	void namesTheSourceWithoutAddressWhenItHasNone() {
		var result = this.offline.answer(request("When are you open on Saturday?", List.of(opening())), this.sink);

		assertThat(result.text()).isEqualTo(
				"Our store in Leeds is open Monday to Saturday from 9am to 6pm.\n\nSource: Opening hours");
	}

	@Test
	void keepsListItemsOnTheirOwnLines() {
		var about = ContextPassage.text("about", "About us", null,
				"Example Shop was founded in 2012. We sell outdoor clothing.\n\n- Jackets\n- Boots\n- Backpacks", 0.3);

		var result = this.offline.answer(request("Do you sell boots?", List.of(about)), this.sink);

		assertThat(result.text()).isEqualTo("We sell outdoor clothing.\n- Boots\n\nSource: About us");
	}

	@Test
	void saysPlainlyThatItHasNoAnswerForAnUnrelatedQuestion() {
		var result = this.offline.answer(request("What is the capital of France?",
				List.of(returns(), shippingQa(), opening())), this.sink);

		assertThat(result.text()).isEqualTo(FALLBACK);
		assertThat(this.sink.text()).isEqualTo(FALLBACK);
		assertThat(result.status()).isEqualTo(Status.COMPLETE);
		assertThat(result.citedPassageIds()).isEmpty();
		assertThat(result.answered()).isFalse();
	}

	@Test
	void saysItHasNoAnswerWhenNothingWasRetrieved() {
		var result = this.offline.answer(request("Do you ship internationally?", List.of()), this.sink);

		assertThat(result.text()).isEqualTo(FALLBACK);
		assertThat(result.answered()).isFalse();
	}

	@Test
	void usesItsOwnWordsWhenTheBotHasNoFallbackMessage() {
		var request = new AnswerRequest("offline", 0.3, 400, "", List.of(), List.of(), "Anything?", " ");

		var result = this.offline.answer(request, this.sink);

		assertThat(result.text()).isEqualTo(OfflineAnswerer.NO_ANSWER);
	}

	@Test
	void neverEchoesTheQuestion() {
		var faq = ContextPassage.text("faq", "FAQ", null,
				"Do you ship to Canada? Yes, we ship to Canada and the US within 5 business days.", 0.9);
		var questions = List.of("Do you ship to Canada?", "Do you ship internationally?", "What is the capital of France?");
		for (var question : questions) {
			var result = this.offline.answer(request(question, List.of(faq, shippingQa())), new RecordingSink());

			assertThat(result.text()).as(question).doesNotContainIgnoringCase(question.replace("?", ""));
		}
	}

	@Test
	void picksTheRelevantPassageEvenWhenRetrievalRankedAnotherFirst() {
		var result = this.offline.answer(request("How long does a refund take?", List.of(opening(), returns())),
				this.sink);

		assertThat(result.text()).startsWith("Refunds reach your account within 5 business days");
		assertThat(result.citedPassageIds()).containsExactly("chunk-returns");
	}

	@Test
	void streamsSmallWordGroupsThatAddUpToTheAnswer() {
		var result = this.offline.answer(request("Can I return an item?", List.of(returns())), this.sink);

		assertThat(this.sink.deltas).hasSizeGreaterThan(3);
		assertThat(this.sink.deltas).allSatisfy(delta -> assertThat(delta.trim().split("\\s+")).hasSizeLessThanOrEqualTo(3));
		assertThat(this.sink.text()).isEqualTo(result.text());
		assertThat(result.firstTokenMillis()).isBetween(0L, result.totalMillis());
	}

	@Test
	void isDeterministic() {
		var request = request("Is return shipping free in the EU?", List.of(returns(), shippingQa(), opening()));

		var first = this.offline.answer(request, new RecordingSink());
		var second = this.offline.answer(request, new RecordingSink());

		assertThat(second.text()).isEqualTo(first.text()).contains("Returns are free for customers in the EU.");
		assertThat(second.citedPassageIds()).isEqualTo(first.citedPassageIds());
	}

	@Test
	void failingSinkEndsTheAnswerEarly() {
		var result = this.offline.answer(request("Can I return an item?", List.of(returns())), text -> {
			throw new IllegalStateException("gone");
		});

		assertThat(result.status()).isEqualTo(Status.FAILED);
		assertThat(result.text()).isEmpty();
		assertThat(result.errorCode()).isEqualTo("delivery_failed");
		assertThat(result.answered()).isFalse();
	}

}
