/**
 * Bot configuration: instructions, model, greeting, suggested questions, appearance, allowed
 * domains, lead capture, limits, retention override and the random public id used by the widget.
 * Publishes {@link ai.softnode.bots.BotDeleted} inside the deleting transaction so modules holding
 * bot data remove theirs.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "privacy::spi")
package ai.softnode.bots;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
