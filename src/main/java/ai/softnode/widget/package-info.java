/**
 * The public face of a bot: the loader {@code widget.js}, the chat frame page, the hosted chat
 * page and the visitor API (config, conversations, messages, feedback, erasure). Enforces allowed
 * domains (frame-ancestors and Origin/Referer), visitor tokens, rate limits and body sizes.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "bots", "chat", "visitors", "privacy" })
package ai.softnode.widget;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
