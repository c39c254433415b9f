package ai.softnode.audit;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the audit page, its CSV and the API filter by; every part is optional.
 *
 * @param action exact action code
 * @param actor part of the actor's name, case-insensitive
 * @param from first instant included
 * @param to first instant no longer included
 */
record AuditFilter(@Nullable String action, @Nullable String actor, @Nullable OffsetDateTime from,
		@Nullable OffsetDateTime to) {

	/** The SQL conditions after {@code WHERE workspace_id = :ws}, with their parameters put into {@code params}. */
	String where(Map<String, Object> params) {
		var where = new StringBuilder();
		if (this.action != null && !this.action.isBlank()) {
			where.append(" AND action = :action");
			params.put("action", this.action.strip());
		}
		if (this.actor != null && !this.actor.isBlank()) {
			where.append(" AND actor ILIKE :actor");
			params.put("actor", containing(this.actor.strip()));
		}
		if (this.from != null) {
			where.append(" AND created_at >= :from");
			params.put("from", this.from);
		}
		if (this.to != null) {
			where.append(" AND created_at < :to");
			params.put("to", this.to);
		}
		return where.toString();
	}

	/** A LIKE pattern matching any text that contains {@code text} literally. */
	static String containing(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	static Map<String, Object> params() {
		return new HashMap<>();
	}

}
