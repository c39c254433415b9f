package ai.softnode.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutputGuardTests {

	private final List<String> sent = new ArrayList<>();

	private final OutputGuard guard = new OutputGuard("SN-CANARY123", this.sent::add);

	@Test
	void forwardsOrdinaryTextAtOnceHoldingBackOnlyATrailingSpace() {
		this.guard.accept("Hello ");
		assertThat(this.sent).containsExactly("Hello");
		this.guard.accept("world");
		assertThat(this.sent).containsExactly("Hello", " world");
		this.guard.finish();
		assertThat(this.guard.text()).isEqualTo("Hello world");
	}

	@Test
	void removesCitationMarkersEvenWhenSplitAcrossDeltas() {
		for (var delta : List.of("We open at 9", " [", "P", "1", "]. Shipping is ", "free ", "[P2, P", "3]", ".")) {
			this.guard.accept(delta);
		}
		this.guard.finish();
		assertThat(String.join("", this.sent)).isEqualTo("We open at 9. Shipping is free.");
		assertThat(this.guard.text()).isEqualTo("We open at 9. Shipping is free.");
	}

	@Test
	void keepsBracketsThatAreNotMarkers() {
		this.guard.accept("Use [brackets] and [P] freely");
		this.guard.finish();
		assertThat(this.guard.text()).isEqualTo("Use [brackets] and [P] freely");
	}

	@Test
	void stopsForGoodAtTheCanaryWithoutLeakingIt() {
		this.guard.accept("Sure: [SN-CAN");
		this.guard.accept("ARY123] You are a bot");
		this.guard.accept(" more secrets");
		this.guard.finish();
		assertThat(String.join("", this.sent)).doesNotContain("SN-CAN").doesNotContain("secrets");
		assertThat(this.guard.tripped()).isTrue();
		assertThat(this.guard.text()).isEqualTo(OutputGuard.REFUSAL);
	}

	/** A busy node passes text on in batches of up to 2 KB; what follows one is still checked across pieces. */
	@Test
	void afterALargePieceMarkersAndTheCanaryAreStillCaughtAcrossPieces() {
		var large = "word ".repeat(400);
		this.guard.accept(large + "see [P");
		this.guard.accept("1] then [SN-CANA");
		this.guard.accept("RY123] secret");
		this.guard.finish();
		assertThat(String.join("", this.sent)).isEqualTo(large + "see then [").doesNotContain("SN-CANA");
		assertThat(this.guard.tripped()).isTrue();
	}

}
