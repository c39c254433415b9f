package ai.softnode.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.accounts.Tokens.Purpose;
import ai.softnode.accounts.Users.User;
import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.Emails;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Problem.Violation;
import ai.softnode.platform.SoftnodeProperties;

/** Sign-up, verification, password reset and profile changes of users. */
@Service
public class AccountManagement {

	static final Duration VERIFY_LIFETIME = Duration.ofHours(48);

	static final Duration RESET_LIFETIME = Duration.ofMinutes(30);

	private final Users users;

	private final Tokens tokens;

	private final PasswordEncoder passwords;

	private final Mailer mailer;

	private final SoftnodeProperties properties;

	private final ApplicationEventPublisher events;

	private final SessionTerminator sessions;

	private final Clock clock;

	AccountManagement(Users users, Tokens tokens, PasswordEncoder passwords, Mailer mailer, SoftnodeProperties properties,
			ApplicationEventPublisher events, SessionTerminator sessions, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.passwords = passwords;
		this.mailer = mailer;
		this.properties = properties;
		this.events = events;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Creates a user, their workspace (through {@link UserSignedUp}) and a verification mail, all or
	 * nothing.
	 */
	@Transactional
	public UserAccount signUp(SignUp form) {
		var email = Emails.normalize(form.email());
		var name = form.name().strip();
		var company = form.company().strip();
		var violations = new ArrayList<Violation>();
		if (name.isEmpty() || name.length() > 100 || hasControlCharacters(name)) {
			violations.add(new Violation("name", name.isEmpty() ? "Enter your name." : "Use at most 100 ordinary characters."));
		}
		if (company.isEmpty() || company.length() > 100 || hasControlCharacters(company)) {
			violations.add(new Violation("company", company.isEmpty() ? "Enter your company or project name." : "Use at most 100 ordinary characters."));
		}
		if (!Emails.isValid(email)) {
			violations.add(new Violation("email", "Enter a valid email address, like name@example.com."));
		}
		else if (this.users.emailTaken(email)) {
			violations.add(new Violation("email", "An account with this email already exists. Sign in or reset your password."));
		}
		var weakness = Passwords.weakness(form.password(), email, name);
		if (weakness != null) {
			violations.add(new Violation("password", weakness));
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		var now = now();
		var user = new User(UUID.randomUUID(), email, name, this.passwords.encode(form.password()), false, now, now);
		try {
			this.users.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw Problem.invalid("email", "An account with this email already exists. Sign in or reset your password.");
		}
		this.events.publishEvent(new UserSignedUp(user.id(), email, name, company));
		sendVerification(user.id(), email, name);
		return user.view();
	}

	public Optional<UserAccount> find(UUID userId) {
		return this.users.byId(userId).map(User::view);
	}

	public Optional<UserAccount> findByEmail(String email) {
		return this.users.byEmail(Emails.normalize(email)).map(User::view);
	}

	/** The address a user asked to change to and has not confirmed yet. */
	public Optional<String> pendingEmail(UUID userId) {
		var user = this.users.byId(userId).orElse(null);
		if (user == null) {
			return Optional.empty();
		}
		return this.tokens.latestPendingEmail(userId, user.email(), now());
	}

	/**
	 * Confirms an address from a mailed link: marks it verified, or completes an email change.
	 * @return the user whose address was confirmed, empty when the link is unknown, used or expired
	 */
	@Transactional
	public Optional<UserAccount> verifyEmail(String token) {
		var now = now();
		var used = this.tokens.consume(token, Purpose.VERIFY_EMAIL, now).orElse(null);
		if (used == null) {
			return Optional.empty();
		}
		var user = this.users.byId(used.userId()).orElse(null);
		if (user == null) {
			return Optional.empty();
		}
		if (!user.email().equals(used.email())) {
			if (this.users.emailTaken(used.email())) {
				throw Problem.conflict("email_taken", "Another account now uses " + used.email() + "; the change was not made.");
			}
			this.users.changeEmail(user.id(), used.email(), now);
		}
		else {
			this.users.markVerified(user.id(), now);
		}
		return this.users.byId(user.id()).map(User::view);
	}

	/** Sends a fresh verification link for the user's current address. */
	@Transactional
	public void resendVerification(UUID userId) {
		var user = this.users.byId(userId).orElseThrow(() -> Problem.notFound("user_not_found", "No such user."));
		if (!user.emailVerified()) {
			sendVerification(user.id(), user.email(), user.name());
		}
	}

	/**
	 * Mails a reset link when an account exists for {@code email}; does nothing otherwise. Callers
	 * answer the same either way so the answer does not reveal which addresses have accounts.
	 */
	@Transactional
	public void requestPasswordReset(String email) {
		if (!Emails.isValid(email)) {
			return;
		}
		this.users.byEmail(Emails.normalize(email)).ifPresent(user -> {
			var token = this.tokens.issue(user.id(), Purpose.RESET_PASSWORD, user.email(), RESET_LIFETIME, now());
			this.mailer.queue(null, new Mail(user.email(), "Reset your Softnode password", """
					Hello %s,

					Someone asked to reset the password of your Softnode account. To choose a new password, open:

					%s

					The link works once, for %d minutes. If you did not ask for this, ignore this mail: your password stays as it is.
					""".formatted(user.name(), this.properties.link("/reset-password?token=" + token), RESET_LIFETIME.toMinutes()),
					"password-reset"));
		});
	}

	/** Whether a reset link is still usable, to decide which page to show. */
	public boolean isResetTokenValid(String token) {
		return this.tokens.peek(token, Purpose.RESET_PASSWORD, now()).isPresent();
	}

	/** Sets a new password from a reset link, retires all reset links and ends every session. */
	@Transactional
	public void resetPassword(String token, String newPassword) {
		var now = now();
		var candidate = this.tokens.peek(token, Purpose.RESET_PASSWORD, now)
			.orElseThrow(AccountManagement::expiredResetLink);
		var user = this.users.byId(candidate.userId()).orElseThrow(AccountManagement::expiredResetLink);
		var weakness = Passwords.weakness(newPassword, user.email(), user.name());
		if (weakness != null) {
			throw Problem.invalid("password", weakness);
		}
		this.tokens.consume(token, Purpose.RESET_PASSWORD, now).orElseThrow(AccountManagement::expiredResetLink);
		this.tokens.retireAll(user.id(), Purpose.RESET_PASSWORD, now);
		this.users.changePassword(user.id(), this.passwords.encode(newPassword), now);
		if (user.email().equals(candidate.email())) {
			this.users.markVerified(user.id(), now);
		}
		this.sessions.endAll(user.id(), null);
	}

	/** Changes the password after checking the current one; ends the user's other sessions. */
	@Transactional
	public void changePassword(UUID userId, String currentPassword, String newPassword, @Nullable String keepSessionId) {
		var user = this.users.byId(userId).orElseThrow(() -> Problem.notFound("user_not_found", "No such user."));
		if (!this.passwords.matches(currentPassword, user.passwordHash())) {
			throw Problem.invalid("currentPassword", "Your current password is not correct.");
		}
		var weakness = Passwords.weakness(newPassword, user.email(), user.name());
		if (weakness != null) {
			throw Problem.invalid("newPassword", weakness);
		}
		this.users.changePassword(userId, this.passwords.encode(newPassword), now());
		this.sessions.endAll(userId, keepSessionId);
	}

	/** Whether {@code password} is the user's password; for confirming destructive actions. */
	public boolean checkPassword(UUID userId, String password) {
		return this.users.byId(userId).map(u -> this.passwords.matches(password, u.passwordHash())).orElse(false);
	}

	/**
	 * Corrects the user's name at once; a new email address takes effect only once confirmed from a
	 * link sent to it.
	 * @return {@code true} when a confirmation mail was sent to a new address
	 */
	@Transactional
	public boolean updateProfile(UUID userId, String name, String email) {
		var user = this.users.byId(userId).orElseThrow(() -> Problem.notFound("user_not_found", "No such user."));
		var cleanName = name.strip();
		var cleanEmail = Emails.normalize(email);
		var violations = new ArrayList<Violation>();
		if (cleanName.isEmpty() || cleanName.length() > 100 || hasControlCharacters(cleanName)) {
			violations.add(new Violation("name", cleanName.isEmpty() ? "Enter your name." : "Use at most 100 ordinary characters."));
		}
		var emailChanged = !cleanEmail.equals(user.email());
		if (emailChanged) {
			if (!Emails.isValid(cleanEmail)) {
				violations.add(new Violation("email", "Enter a valid email address, like name@example.com."));
			}
			else if (this.users.emailTaken(cleanEmail)) {
				violations.add(new Violation("email", "Another account already uses this email address."));
			}
		}
		if (!violations.isEmpty()) {
			throw Problem.invalid(violations);
		}
		if (!cleanName.equals(user.name())) {
			this.users.rename(userId, cleanName, now());
		}
		if (emailChanged) {
			sendVerification(userId, cleanEmail, cleanName);
		}
		return emailChanged;
	}

	private void sendVerification(UUID userId, String email, String name) {
		var token = this.tokens.issue(userId, Purpose.VERIFY_EMAIL, email, VERIFY_LIFETIME, now());
		this.mailer.queue(null, new Mail(email, "Confirm your email address for Softnode", """
				Hello %s,

				Please confirm that %s is your email address by opening this link:

				%s

				The link works once, for %d hours. If you did not create a Softnode account or change your address, ignore this mail.
				""".formatted(name, email, this.properties.link("/verify-email?token=" + token), VERIFY_LIFETIME.toHours()),
				"verify-email"));
	}

	private static Problem expiredResetLink() {
		return Problem.badRequest("reset_link_invalid", "This reset link has expired or was already used. Ask for a new one.");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	static boolean hasControlCharacters(String text) {
		return text.chars().anyMatch(c -> Character.isISOControl(c));
	}

}
