package ai.softnode.analytics;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import jakarta.servlet.http.HttpServletResponse;

/** Daily figures as CSV: one row per day (dates and numbers only, so nothing a spreadsheet could run). */
final class AnalyticsCsv {

	private AnalyticsCsv() {
	}

	static void write(Analytics analytics, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"analytics-" + analytics.from() + "-" + analytics.to() + ".csv\"");
		response.setHeader("Cache-Control", "no-store");
		var printer = new CSVPrinter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), CSVFormat.RFC4180);
		printer.printRecord("date", "conversations", "visitor_messages", "unanswered", "leads");
		for (var day : analytics.byDay()) {
			printer.printRecord(day.date(), day.conversations(), day.visitorMessages(), day.unanswered(), day.leads());
		}
		printer.flush();
	}

}
