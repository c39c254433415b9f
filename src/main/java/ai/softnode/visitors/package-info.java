/**
 * Website visitors and the leads they leave: location derived from the client IP through an
 * {@code .mmdb} database (the raw IP is never stored), referrer and UTM parameters, device class and
 * browser from the user agent, and lead capture with recorded consent. Publishes
 * {@link ai.softnode.visitors.VisitorArrived} and {@link ai.softnode.visitors.LeadCaptured}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "bots", "notifications", "workspaces", "privacy::spi" })
package ai.softnode.visitors;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
