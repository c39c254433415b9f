package ai.softnode.bots;

import java.io.IOException;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;
import ai.softnode.privacy.spi.RetentionSettings;

/** The workspace's bots and their settings, for export and erasure; and their retention overrides for the privacy page. */
@Component
@Order(40)
class BotPersonalData implements PersonalDataHolder, RetentionSettings {

	private final JdbcClient jdbc;

	private final Bots bots;

	BotPersonalData(JdbcClient jdbc, Bots bots) {
		this.jdbc = jdbc;
		this.bots = bots;
	}

	@Override
	public String name() {
		return "bots";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		archive.add("bots/bots.jsonl", "Bots, one per line, with every setting: instructions, model, greeting, appearance,"
				+ " allowed domains, lead capture, limits, retention override, redaction.",
				out -> ExportRows.jsonLines(this.jdbc.sql("SELECT * FROM bots_bot WHERE workspace_id = :ws ORDER BY created_at")
					.param("ws", workspace.value()), out));
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
		this.jdbc.sql("DELETE FROM bots_bot WHERE workspace_id = :ws").param("ws", workspace.value()).update();
		this.bots.forgetCached();
	}

	@Override
	public List<Period> overrides(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT name, retention_days FROM bots_bot WHERE workspace_id = :ws AND retention_days IS NOT NULL ORDER BY name")
			.param("ws", workspace.value())
			.query((rs, n) -> new Period("Bot “" + rs.getString("name") + "”", rs.getInt("retention_days")))
			.list();
	}

}
