package ai.softnode.analytics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * The analytics rollups as personal data. They are anonymous aggregates (counts per bot and day), except
 * for question text, which visitors typed: a question row whose every ask came from one visitor
 * ({@code sole_visitor}) can identify them, and is deleted when that visitor is erased. Rows asked by
 * two or more visitors keep their text (the same normalised wording came from several people) and every
 * count stays, so erasing a visitor does not rewrite past totals. Ordered after chat and visitors
 * ({@code @Order(90)}; erasure runs in reverse order), so the rollups go before the workspace rows
 * they refer to.
 */
@Component
@Order(90)
class AnalyticsPersonalData implements PersonalDataHolder {

	private final JdbcTemplate jdbc;

	AnalyticsPersonalData(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "analytics";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		var ws = workspace.value();
		archive.add("analytics/daily.csv", "Daily figures per bot (conversations, messages, answers, leads, feedback, latency, tokens)",
				out -> csv(out, """
						SELECT bot_id, stat_day, conversations, visitor_messages, answers, unanswered, leads, feedback_up, feedback_down,
						  first_token_ms, first_token_count, input_tokens, output_tokens
						FROM analytics_daily WHERE workspace_id = ? ORDER BY bot_id, stat_day""", ws));
		archive.add("analytics/dimensions.csv", "Conversations per bot and day by country, referral source, page and device",
				out -> csv(out, "SELECT bot_id, stat_day, kind, dim_key, conversations FROM analytics_dimension WHERE workspace_id = ?"
						+ " ORDER BY bot_id, stat_day, kind, dim_key", ws));
		archive.add("analytics/questions.csv", "Visitor questions per bot and day (normalised wording, redacted text, counts)",
				out -> csv(out, "SELECT bot_id, stat_day, question_key, question, asked, unanswered, last_asked_at FROM analytics_question"
						+ " WHERE workspace_id = ? ORDER BY bot_id, stat_day, question_key", ws));
	}

	@Override
	public void exportVisitor(WorkspaceId workspace, UUID visitorId, ExportArchive archive) throws IOException {
		archive.add("analytics/questions.csv", "Questions in the analytics that only this visitor asked, per bot and day",
				out -> csv(out, "SELECT bot_id, stat_day, question, asked, unanswered, last_asked_at FROM analytics_question"
						+ " WHERE workspace_id = ? AND sole_visitor = ? ORDER BY stat_day", workspace.value(), visitorId));
	}

	@Override
	@Transactional
	public void eraseWorkspace(WorkspaceId workspace) {
		for (var table : Rollups.BOT_TABLES) {
			this.jdbc.update("DELETE FROM " + table + " WHERE workspace_id = ?", workspace.value());
		}
	}

	@Override
	@Transactional
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		var n = this.jdbc.update("DELETE FROM analytics_question WHERE workspace_id = ? AND sole_visitor = ?", workspace.value(), visitorId);
		n += this.jdbc.update("DELETE FROM analytics_question_month WHERE workspace_id = ? AND sole_visitor = ?", workspace.value(), visitorId);
		return n;
	}

	/** Streams a query's rows as CSV, header first; visitor text is made safe for spreadsheets. */
	private void csv(OutputStream out, String sql, Object... args) throws IOException {
		var printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180);
		this.jdbc.query(sql, (ResultSetExtractor<@Nullable Void>) rs -> {
			try {
				var columns = rs.getMetaData().getColumnCount();
				for (int i = 1; i <= columns; i++) {
					printer.print(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
				}
				printer.println();
				while (rs.next()) {
					for (int i = 1; i <= columns; i++) {
						var value = rs.getString(i);
						printer.print(value == null ? "" : AnalyticsCsv.text(value));
					}
					printer.println();
				}
				return null;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, args);
		printer.flush();
	}

}
