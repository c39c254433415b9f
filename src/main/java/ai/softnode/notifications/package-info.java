/**
 * Email through a durable outbox: callers enqueue a mail inside their own transaction with
 * {@link ai.softnode.notifications.Mailer}; a background job delivers it through SMTP when
 * {@code spring.mail.host} is set, or writes it as an {@code .eml} file under {@code data/mail}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "privacy::spi")
package ai.softnode.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
