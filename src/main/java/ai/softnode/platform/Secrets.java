package ai.softnode.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random tokens and their one-way hashes: tokens are shown once, only hashes are stored. */
public final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] ALPHANUMERIC = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private Secrets() {
	}

	/** A URL-safe random token with {@code bytes} bytes of entropy. */
	public static String token(int bytes) {
		var buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	/** A random id of unambiguous letters and digits, for public identifiers. */
	public static String publicId(int length) {
		var out = new char[length];
		for (int i = 0; i < length; i++) {
			out[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
		}
		return new String(out);
	}

	/** Hex SHA-256 of a high-entropy token; fit for lookups (not for passwords). */
	public static String hash(String token) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Constant-time comparison of two strings. */
	public static boolean same(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
