package ai.softnode.analytics;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import ai.softnode.platform.Problem;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Analytics as CSV: {@code days} (default) one row per day; {@code questions} and {@code unanswered}
 * one row per cluster of alike questions with its other wordings. Question text comes from visitors, so
 * a cell starting like a formula is prefixed with a quote and a spreadsheet shows it as text.
 */
final class AnalyticsCsv {

	private AnalyticsCsv() {
	}

	static void write(Analytics analytics, @Nullable String report, HttpServletResponse response) throws IOException {
		var kind = report == null || report.isBlank() ? "days" : report;
		if (!kind.equals("days") && !kind.equals("questions") && !kind.equals("unanswered")) {
			throw Problem.invalid("report", "Choose days, questions or unanswered.");
		}
		response.setContentType("text/csv;charset=UTF-8");
		var name = kind.equals("days") ? "analytics" : "analytics-" + kind;
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "-" + analytics.from() + "-" + analytics.to() + ".csv\"");
		response.setHeader("Cache-Control", "no-store");
		var printer = new CSVPrinter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), CSVFormat.RFC4180);
		switch (kind) {
			case "questions" -> {
				printer.printRecord("question", "count", "variants");
				for (var q : analytics.topQuestions()) {
					printer.printRecord(text(q.question()), q.count(), text(String.join(" | ", q.variants())));
				}
			}
			case "unanswered" -> {
				printer.printRecord("question", "count", "last_asked_at", "variants");
				for (var q : analytics.unansweredQuestions()) {
					printer.printRecord(text(q.question()), q.count(), q.lastAskedAt(), text(String.join(" | ", q.variants())));
				}
			}
			default -> {
				printer.printRecord("date", "conversations", "visitor_messages", "unanswered", "leads");
				for (var day : analytics.byDay()) {
					printer.printRecord(day.date(), day.conversations(), day.visitorMessages(), day.unanswered(), day.leads());
				}
			}
		}
		printer.flush();
	}

	/** Visitor text made safe for spreadsheets: a leading =, +, -, @, tab or carriage return gets a quote before it. */
	static String text(String value) {
		return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
	}

}
