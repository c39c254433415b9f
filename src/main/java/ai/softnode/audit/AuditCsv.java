package ai.softnode.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * The audit log as CSV. Cells a spreadsheet would read as a formula ({@code = + - @}, tab, carriage
 * return) are prefixed with an apostrophe so they open as text.
 */
final class AuditCsv {

	private AuditCsv() {
	}

	/** Writes every matching entry of the workspace to {@code out} (left open, flushed). */
	static void write(AuditLog log, ai.softnode.platform.WorkspaceId workspace, AuditFilter filter, Writer out) throws IOException {
		var printer = new CSVPrinter(out, CSVFormat.RFC4180);
		printer.printRecord("time", "actor", "action", "target", "country");
		try {
			log.each(workspace, filter, entry -> {
				try {
					printer.printRecord(entry.at().toInstant().toString(), safe(entry.actor()), safe(entry.action()),
							safe(entry.target()), safe(entry.country()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		printer.flush();
	}

	static String safe(@Nullable String cell) {
		if (cell == null || cell.isEmpty()) {
			return "";
		}
		var first = cell.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
	}

}
