/**
 * Data rights and retention. Depends on no other module: modules that hold personal data implement
 * the {@link ai.softnode.privacy.spi} interfaces and privacy drives them (retention purge now; export
 * and erasure through the same SPI).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package ai.softnode.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
