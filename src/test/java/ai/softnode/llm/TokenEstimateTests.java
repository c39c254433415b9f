package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** About four characters a token, rounded up, counting characters rather than UTF-16 units. */
class TokenEstimateTests {

	@Test
	void countsAboutFourCharactersAToken() {
		assertThat(TokenEstimate.of("")).isZero();
		assertThat(TokenEstimate.of("abcd")).isEqualTo(1);
		assertThat(TokenEstimate.of("abcde")).isEqualTo(2);
		assertThat(TokenEstimate.of("x".repeat(4000))).isEqualTo(1000);
		assertThat(TokenEstimate.of("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).isEqualTo(1);
	}

}
