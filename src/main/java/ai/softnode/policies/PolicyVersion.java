package ai.softnode.policies;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One published version of the privacy policy or the terms.
 *
 * @param publishedBy the operator who published it; {@code null} for versions shipped with the software
 */
record PolicyVersion(UUID id, PolicyKind kind, int version, String title, String body, String summary,
		OffsetDateTime publishedAt, @Nullable String publishedBy) {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	/** The publication date as people read it, in UTC. */
	public String date() {
		return DATE.format(this.publishedAt.withOffsetSameInstant(ZoneOffset.UTC));
	}

	/** Published by an operator of this installation (as opposed to shipped with the software). */
	public boolean announced() {
		return this.publishedBy != null;
	}

	public PolicyText text() {
		return PolicyText.parse(this.body);
	}

}
