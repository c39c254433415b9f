package ai.softnode.knowledge.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkerTests {

	@Test
	void keepsSectionsApartAndCarriesTheirHeadings() {
		var chunks = new Chunker(300, 60).chunk("""
				# Shipping
				We ship within one day.

				## Abroad
				International parcels take a week.

				# Returns
				Send items back within 30 days.
				""");
		assertThat(chunks).extracting(Chunk::heading).containsExactly("Shipping", "Shipping › Abroad", "Returns");
		assertThat(chunks).extracting(Chunk::text)
			.containsExactly("We ship within one day.", "International parcels take a week.", "Send items back within 30 days.");
		assertThat(chunks.get(1).indexedText()).isEqualTo("Shipping › Abroad\nInternational parcels take a week.");
	}

	@Test
	void packsWholeParagraphsAndOverlapsConsecutiveChunksOfASection() {
		var paragraph = "The quick brown fox jumps over the lazy dog near the river bank today. ";
		var text = (paragraph.repeat(3).strip() + "\n\n").repeat(4);
		var chunks = new Chunker(500, 120).chunk(text);
		assertThat(chunks).hasSizeGreaterThan(1);
		for (int i = 1; i < chunks.size(); i++) {
			var previous = chunks.get(i - 1).text();
			var tail = previous.substring(previous.lastIndexOf(". ", previous.length() - 3) + 2);
			assertThat(chunks.get(i).text()).as("chunk %d starts with the end of the one before", i).startsWith(tail);
			assertThat(chunks.get(i).text().length()).isLessThanOrEqualTo(500 + 120 + 2);
		}
	}

	@Test
	void splitsLongParagraphsBetweenSentencesAndRunOnTextBetweenWords() {
		var sentences = "This sentence is about forty characters. ".repeat(40);
		var chunks = new Chunker(400, 0).chunk(sentences);
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.text().length()).isLessThanOrEqualTo(400);
			assertThat(chunk.text()).endsWith("characters.");
		});
		var runOn = "word ".repeat(500);
		assertThat(new Chunker(400, 0).chunk(runOn)).allSatisfy(chunk -> assertThat(chunk.text().length()).isLessThanOrEqualTo(400));
	}

	@Test
	void keepsListItemsOnTheirOwnLinesAndIgnoresEmptySections() {
		var chunks = new Chunker(300, 50).chunk("# Empty\n\n# Opening hours\n- Monday: 9-5\n- Saturday: 10-4\n");
		assertThat(chunks).hasSize(1);
		assertThat(chunks.get(0).text()).isEqualTo("- Monday: 9-5\n- Saturday: 10-4");
		assertThat(new Chunker(300, 50).chunk("  \n\n ")).isEmpty();
		assertThatThrownBy(() -> new Chunker(100, 60)).isInstanceOf(IllegalArgumentException.class);
	}

}
