package ai.softnode.visitors;

import org.jspecify.annotations.Nullable;

/** Where a client address is, as far as the location database knows; every part may be unknown. */
public record Location(@Nullable String country, @Nullable String region, @Nullable String city) {

	public static final Location UNKNOWN = new Location(null, null, null);

}
