/**
 * The shared kernel: tenant and role types, problem+json errors, secrets, rate limits, client IP,
 * security configuration and the web layout. Kept small; every module may use its top-level types.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package ai.softnode.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
