package ai.softnode.audit;

import java.util.List;

/** One page of the audit log, in the API's list shape {@code {items, page, size, total}}. */
public record AuditPage(List<AuditEntry> items, int page, int size, long total) {

	public int pages() {
		return this.size == 0 ? 0 : (int) ((this.total + this.size - 1) / this.size);
	}

}
