package ai.softnode.platform;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/** Day filters ({@code from=YYYY-MM-DD&to=YYYY-MM-DD}) as instants: days are UTC, {@code to} is inclusive. */
public final class Days {

	private Days() {
	}

	/** The start of {@code day}; {@code null} for no lower bound. */
	public static @Nullable OffsetDateTime start(@Nullable LocalDate day) {
		return day == null ? null : day.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** The end of {@code day} (exclusive), so the whole day is included; {@code null} for no upper bound. */
	public static @Nullable OffsetDateTime end(@Nullable LocalDate day) {
		return day == null ? null : day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
	}

}
