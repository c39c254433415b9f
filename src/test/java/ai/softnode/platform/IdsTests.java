package ai.softnode.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTests {

	@Test
	void areVersion7WithTheMillisecondsUpFront() {
		var millis = 1_796_000_000_123L;
		var id = Ids.timeOrdered(millis);
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
		assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", millis >>> 16, millis & 0xFFFF));
	}

	@Test
	void carryRandomBitsEvenWithinOneMillisecond() {
		var seen = new HashSet<UUID>();
		for (int i = 0; i < 10_000; i++) {
			seen.add(Ids.timeOrdered(1_796_000_000_123L));
		}
		assertThat(seen).hasSize(10_000);
		// the 74 random bits are not a counter: no two ids of the same millisecond are neighbours in order
		var sorted = seen.stream().map(IdsTests::bytes).sorted(Arrays::compareUnsigned).toList();
		long adjacent = 0;
		for (int i = 1; i < sorted.size(); i++) {
			if (Arrays.mismatch(sorted.get(i - 1), sorted.get(i)) == 15) {
				adjacent++;
			}
		}
		assertThat(adjacent).isLessThan(10);
	}

	@Test
	void sortAsTheDatabasesDoInTheOrderTheyWereMade() {
		var earlier = Ids.timeOrdered(1_796_000_000_123L);
		var later = Ids.timeOrdered(1_796_000_000_124L);
		// H2 and PostgreSQL compare UUIDs as unsigned bytes
		assertThat(Arrays.compareUnsigned(bytes(earlier), bytes(later))).isNegative();
		assertThat(Ids.timeOrdered().getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(),
				org.assertj.core.data.Offset.offset(5_000L));
	}

	private static byte[] bytes(UUID id) {
		return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
	}

}
