package ai.softnode.visitors;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.bots.Bot;
import ai.softnode.bots.BotDeleted;
import ai.softnode.platform.Problem;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.PersonalDataHolder;

/**
 * Visitors' acceptance of a bot's privacy notice. When the bot asks for it, nothing a visitor sends is
 * processed before they accepted the notice's current wording; each acceptance is recorded with the
 * wording's version (a hash of the text), the text and the time.
 */
@Service
@Order(60)
public class VisitorConsents implements PersonalDataHolder {

	private final JdbcClient jdbc;

	private final Clock clock;

	VisitorConsents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The version of a notice's wording: the same text always has the same version. */
	public static String version(String noticeText) {
		return LeadManagement.consentVersion(noticeText);
	}

	/**
	 * Refuses with {@code consent_required} unless {@code version} is the current version of a notice
	 * {@code bot} asks visitors to accept; bots that ask for nothing accept anything.
	 */
	public void check(Bot bot, @Nullable String version) {
		var notice = bot.settings().privacyNotice();
		if (bot.settings().privacyNoticeRequired() && notice != null && !version(notice).equals(version)) {
			throw refusal();
		}
	}

	/** Records that a visitor accepted the current notice of {@code bot}, after {@link #check checking} the version. */
	@Transactional
	public void accept(Bot bot, UUID visitorId, @Nullable String version) {
		var notice = bot.settings().privacyNotice();
		if (notice == null) {
			throw Problem.conflict("no_privacy_notice", "This assistant has no privacy notice to accept.");
		}
		if (!version(notice).equals(version)) {
			throw refusal();
		}
		this.jdbc.sql("""
				INSERT INTO visitors_consent (id, workspace_id, bot_id, visitor_id, notice_version, notice_text, accepted_at)
				VALUES (:id, :ws, :bot, :visitor, :version, :text, :at) ON CONFLICT DO NOTHING""")
			.param("id", UUID.randomUUID()).param("ws", bot.workspace().value()).param("bot", bot.id()).param("visitor", visitorId)
			.param("version", version).param("text", notice).param("at", OffsetDateTime.now(this.clock)).update();
	}

	/** Refuses with {@code consent_required} when {@code bot} asks for acceptance and the visitor has not accepted the current notice. */
	public void require(Bot bot, UUID visitorId) {
		var notice = bot.settings().privacyNotice();
		if (!bot.settings().privacyNoticeRequired() || notice == null) {
			return;
		}
		var accepted = this.jdbc.sql("""
				SELECT COUNT(*) FROM visitors_consent
				WHERE workspace_id = :ws AND bot_id = :bot AND visitor_id = :visitor AND notice_version = :version""")
			.param("ws", bot.workspace().value()).param("bot", bot.id()).param("visitor", visitorId).param("version", version(notice))
			.query(Long.class).single();
		if (accepted == 0) {
			throw refusal();
		}
	}

	private static Problem refusal() {
		return new Problem(HttpStatus.FORBIDDEN, "consent_required", "Please read and accept the privacy notice before you start.");
	}

	@EventListener
	void on(BotDeleted deleted) {
		this.jdbc.sql("DELETE FROM visitors_consent WHERE workspace_id = :ws AND bot_id = :bot")
			.param("ws", deleted.workspace().value()).param("bot", deleted.botId()).update();
	}

	// --- personal data ---

	@Override
	public String name() {
		return "visitor-consents";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		archive.add("visitor-consents/consents.csv", "Privacy notices visitors accepted: visitor, bot, notice version and text, time",
				out -> write(out, "", Map.of("ws", workspace.value())));
	}

	@Override
	public void exportVisitor(WorkspaceId workspace, UUID visitorId, ExportArchive archive) throws IOException {
		archive.add("visitor-consents/consents.csv", "Privacy notices this visitor accepted: bot, notice version and text, time",
				out -> write(out, " AND visitor_id = :visitor", Map.of("ws", workspace.value(), "visitor", visitorId)));
	}

	private void write(java.io.OutputStream out, String filter, Map<String, Object> params) throws IOException {
		var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		var csv = new CSVPrinter(writer, CSVFormat.RFC4180);
		csv.printRecord(List.of("visitor_id", "bot_id", "notice_version", "notice_text", "accepted_at"));
		this.jdbc.sql("SELECT visitor_id, bot_id, notice_version, notice_text, accepted_at FROM visitors_consent WHERE workspace_id = :ws"
				+ filter + " ORDER BY accepted_at, id")
			.params(params)
			.query(rs -> {
				try {
					csv.printRecord(rs.getString(1), rs.getString(2), rs.getString(3), LeadCsv.safe(rs.getString(4)),
							rs.getObject(5, OffsetDateTime.class).toInstant().toString());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		csv.flush();
	}

	@Override
	@Transactional
	public void eraseWorkspace(WorkspaceId workspace) {
		this.jdbc.sql("DELETE FROM visitors_consent WHERE workspace_id = :ws").param("ws", workspace.value()).update();
	}

	@Override
	@Transactional
	public int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		return this.jdbc.sql("DELETE FROM visitors_consent WHERE workspace_id = :ws AND visitor_id = :visitor")
			.param("ws", workspace.value()).param("visitor", visitorId).update();
	}

}
