package ai.softnode.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses, phone numbers, payment card numbers (Luhn-checked) and IBANs with
 * placeholders before visitor text leaves for the model provider.
 */
final class Redaction {

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\\b");

	private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

	private static final Pattern PHONE = Pattern.compile("(?<![\\w])(?:\\+|00)?\\d[\\d ().-]{6,18}\\d(?![\\w])");

	private Redaction() {
	}

	/**
	 * {@code text} with its personal data replaced. Every question runs through here, and most hold
	 * no {@code @} and few digits: a pattern that cannot match (an address needs an {@code @}, an IBAN
	 * two digits, a phone number seven, a card number thirteen) is not run.
	 */
	static String redact(String text) {
		int digits = digits(text);
		var out = text.indexOf('@') >= 0 ? EMAIL.matcher(text).replaceAll("[email]") : text;
		if (digits >= 2) {
			out = replace(IBAN.matcher(out), "[iban]", Redaction::isIban);
		}
		if (digits >= 13) {
			out = replace(CARD.matcher(out), "[card number]", Redaction::luhn);
		}
		if (digits >= 7) {
			out = replace(PHONE.matcher(out), "[phone]", candidate -> digits(candidate) >= 7);
		}
		return out;
	}

	private static String replace(Matcher matcher, String placeholder, java.util.function.Predicate<String> accept) {
		var out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(accept.test(matcher.group()) ? placeholder : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** How many ASCII digits {@code text} holds (what {@code \\d} matches here). */
	private static int digits(String text) {
		int n = 0;
		for (int i = 0; i < text.length(); i++) {
			var ch = text.charAt(i);
			if (ch >= '0' && ch <= '9') {
				n++;
			}
		}
		return n;
	}

	static boolean luhn(String candidate) {
		var count = digits(candidate);
		if (count < 13 || count > 19) {
			return false;
		}
		int sum = 0;
		boolean twice = false;
		for (int i = candidate.length() - 1; i >= 0; i--) {
			var ch = candidate.charAt(i);
			if (ch < '0' || ch > '9') {
				continue;
			}
			int d = ch - '0';
			if (twice) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	static boolean isIban(String candidate) {
		var iban = candidate.replace(" ", "");
		if (iban.length() < 15 || iban.length() > 34) {
			return false;
		}
		var rearranged = iban.substring(4) + iban.substring(0, 4);
		int remainder = 0;
		for (var ch : rearranged.toCharArray()) {
			var value = Character.isDigit(ch) ? String.valueOf(ch - '0') : String.valueOf(ch - 'A' + 10);
			for (var digit : value.toCharArray()) {
				remainder = (remainder * 10 + (digit - '0')) % 97;
			}
		}
		return remainder == 1;
	}

}
