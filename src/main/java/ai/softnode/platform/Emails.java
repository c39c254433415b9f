package ai.softnode.platform;

import java.util.Locale;
import java.util.regex.Pattern;

/** One definition of a usable email address for the whole platform. */
public final class Emails {

	private static final Pattern SHAPE = Pattern.compile(
			"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");

	/** The longest address SMTP can carry. */
	public static final int MAX_LENGTH = 254;

	private Emails() {
	}

	public static boolean isValid(String email) {
		return email != null && email.length() <= MAX_LENGTH && SHAPE.matcher(email.trim()).matches()
				&& !email.trim().contains("..");
	}

	/** Trimmed and lower-cased: the form addresses are stored and compared in. */
	public static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
