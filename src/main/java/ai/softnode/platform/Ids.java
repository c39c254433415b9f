package ai.softnode.platform;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered random ids: RFC 9562 version 7 UUIDs, 48 bits of Unix milliseconds followed by 74
 * random bits from a {@link SecureRandom}. They are as hard to guess as random (version 4) ids, but
 * rows written one after another land next to each other in a primary-key index instead of in a
 * random page of it, so a table written at every chat turn dirties one page of that index per
 * write cycle rather than one per row. They reveal when a row was made, to the second's thousandth:
 * use them for rows whose creation time is no secret to whoever sees the id (a visitor's own
 * messages), and random ids where it would be.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	/** A new version 7 UUID for the current time. */
	public static UUID timeOrdered() {
		return timeOrdered(System.currentTimeMillis());
	}

	static UUID timeOrdered(long epochMillis) {
		var bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		var random = ByteBuffer.wrap(bytes);
		long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.getLong(0) & 0x0FFFL);
		long low = random.getLong(8) & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
		return new UUID(high, low);
	}

}
