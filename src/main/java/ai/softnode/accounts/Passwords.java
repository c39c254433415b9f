package ai.softnode.accounts;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** The password policy: long enough, not trivially guessable, not the user's own email or name. */
final class Passwords {

	static final int MIN_LENGTH = 10;

	static final int MAX_LENGTH = 128;

	private static final Set<String> COMMON = Set.of("password", "password1", "password12", "password123",
			"1234567890", "12345678910", "qwertyuiop", "qwerty1234", "qwerty12345", "iloveyou12", "letmein123",
			"welcome123", "admin12345", "abcdefghij", "abc1234567", "passw0rd12", "1q2w3e4r5t", "0987654321",
			"football12", "baseball12", "monkey1234", "dragon1234", "sunshine12", "princess12", "changeme12",
			"softnode123", "trustno1234", "password!1", "p@ssw0rd12", "asdfghjkl1", "zxcvbnm123");

	private Passwords() {
	}

	/** Why {@code password} is not acceptable, or {@code null} when it is. */
	static @Nullable String weakness(String password, String email, String name) {
		if (password.length() < MIN_LENGTH) {
			return "Use at least " + MIN_LENGTH + " characters.";
		}
		if (password.length() > MAX_LENGTH) {
			return "Use at most " + MAX_LENGTH + " characters.";
		}
		var lower = password.toLowerCase(Locale.ROOT);
		if (COMMON.contains(lower) || lower.chars().distinct().count() < 4) {
			return "This password is too easy to guess; try a short sentence.";
		}
		var local = email.toLowerCase(Locale.ROOT).split("@")[0];
		if ((local.length() >= 4 && lower.contains(local)) || lower.equals(email.toLowerCase(Locale.ROOT))
				|| (name.length() >= 4 && lower.contains(name.toLowerCase(Locale.ROOT).replace(" ", "")))) {
			return "Do not use your name or email address in the password.";
		}
		return null;
	}

}
