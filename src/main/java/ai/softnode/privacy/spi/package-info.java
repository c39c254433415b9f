/** What a module implements so privacy can enforce retention on its data. */
@NullMarked
@NamedInterface("spi")
package ai.softnode.privacy.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
