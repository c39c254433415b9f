/**
 * Anonymous daily rollups per bot (conversations, messages, answers, unanswered questions, leads,
 * feedback, latency, tokens; by country, referral source, page and device), maintained from chat and
 * visitor events so they survive log retention, and the dashboards and API built on them.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "bots", "chat", "visitors", "knowledge", "privacy::spi" })
package ai.softnode.analytics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
