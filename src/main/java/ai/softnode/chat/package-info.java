/**
 * A conversation turn (DESIGN.md §3): the visitor's message is stored first, knowledge retrieved,
 * the prompt built with guard rules, the answer streamed and stored with its sources, usage and
 * latency. Also the conversation logs (dashboard and API). Publishes
 * {@link ai.softnode.chat.MessageAnswered} for analytics and billing.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "bots", "knowledge", "llm", "privacy::spi" })
package ai.softnode.chat;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
