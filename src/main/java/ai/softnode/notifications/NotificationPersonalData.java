package ai.softnode.notifications;

import java.io.IOException;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;

/** Mails in the outbox: the workspace's are exported and erased with it, a deleted user's wherever they are addressed. */
@Component
@Order(80)
class NotificationPersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	private final Mailer mailer;

	NotificationPersonalData(JdbcClient jdbc, Mailer mailer) {
		this.jdbc = jdbc;
		this.mailer = mailer;
	}

	@Override
	public String name() {
		return "mails";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		archive.add("mails/outbox.jsonl", "Mails sent (or waiting to be sent) for the workspace, one per line: recipient, subject,"
				+ " text, kind, delivery status and times.",
				out -> ExportRows.jsonLines(this.jdbc.sql("""
						SELECT id, recipient, subject, body_text, kind, status, attempts, created_at, sent_at
						FROM notifications_outbox WHERE workspace_id = :ws ORDER BY created_at""").param("ws", workspace.value()), out));
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		this.mailer.forgetWorkspace(workspace);
	}

	@Override
	public void eraseUser(UUID userId, String email) {
		this.mailer.forgetRecipient(email);
		// mails to others that name the user (an invitation they sent, a notice about them)
		this.jdbc.sql("DELETE FROM notifications_outbox WHERE LOWER(body_text) LIKE :p ESCAPE '\\' OR LOWER(subject) LIKE :p ESCAPE '\\'")
			.param("p", mentioning(email)).update();
	}

	/** New-lead notifications to the owners name the visitor's address: they go with the visitor. */
	@Override
	public int eraseVisitorMentions(WorkspaceId workspace, String email) {
		return this.jdbc.sql("DELETE FROM notifications_outbox WHERE workspace_id = :ws"
				+ " AND (LOWER(body_text) LIKE :p ESCAPE '\\' OR LOWER(subject) LIKE :p ESCAPE '\\')")
			.param("ws", workspace.value()).param("p", mentioning(email)).update();
	}

	private static String mentioning(String email) {
		return "%" + email.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
