package ai.softnode.visitors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Leads as CSV. Cells a spreadsheet would read as a formula ({@code = + - @}, tab, carriage return)
 * are prefixed with an apostrophe so they open as text.
 */
final class LeadCsv {

	private LeadCsv() {
	}

	/** A CSV printer on {@code out} that has written the header row. */
	static CSVPrinter open(Writer out) {
		try {
			var printer = new CSVPrinter(out, CSVFormat.RFC4180);
			printer.printRecord(LeadManagement.CSV_HEADER);
			return printer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void print(CSVPrinter printer, Lead lead) {
		var cells = new ArrayList<String>();
		cells.add(lead.id().toString());
		cells.add(lead.botId().toString());
		cells.add(lead.conversationId() == null ? "" : lead.conversationId().toString());
		cells.add(lead.createdAt().toInstant().toString());
		cells.add(safe(lead.name()));
		cells.add(safe(lead.email()));
		cells.add(safe(lead.phone()));
		cells.add(safe(lead.company()));
		cells.add(safe(lead.country()));
		cells.add(Boolean.toString(lead.consent().given()));
		cells.add(safe(lead.consent().text()));
		cells.add(safe(lead.consent().version()));
		cells.add(lead.consent().at() == null ? "" : lead.consent().at().toInstant().toString());
		cells.add(safe(lead.question()));
		cells.add(safe(lead.answer()));
		try {
			printer.printRecord(cells);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String safe(@Nullable String cell) {
		if (cell == null || cell.isEmpty()) {
			return "";
		}
		var first = cell.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
	}

}
