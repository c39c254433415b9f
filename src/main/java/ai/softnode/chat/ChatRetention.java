package ai.softnode.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.bots.BotManagement;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.RetentionHolder;

/**
 * Conversations expire when their last message is older than their bot's retention, or the
 * workspace's when the bot sets none or a longer one. Messages and feedback go with them; daily
 * usage counters and analytics are anonymous and stay.
 */
@Component
@org.springframework.core.annotation.Order(10) // before visitors: a visitor goes once their conversations have
class ChatRetention implements RetentionHolder {

	private final JdbcClient jdbc;

	private final BotManagement bots;

	private final TransactionTemplate transactions;

	private final org.springframework.context.ApplicationEventPublisher events;

	ChatRetention(JdbcClient jdbc, BotManagement bots, TransactionTemplate transactions,
			org.springframework.context.ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.bots = bots;
		this.transactions = transactions;
		this.events = events;
	}

	@Override
	public String kind() {
		return "conversations";
	}

	@Override
	public int purgeBatch(WorkspaceDays workspaceDays, OffsetDateTime now, int batchSize, Tally tally) {
		var overrides = this.bots.retentionOverrides();
		record Group(UUID workspace, UUID bot) {
		}
		// Nothing is kept for less than a day, so only conversations idle that long are candidates.
		var groups = this.jdbc.sql("SELECT DISTINCT workspace_id, bot_id FROM chat_conversation WHERE last_message_at < :day")
			.param("day", now.minusDays(1))
			.query((rs, n) -> new Group(rs.getObject("workspace_id", UUID.class), rs.getObject("bot_id", UUID.class)))
			.list();
		for (var group : groups) {
			var workspace = new WorkspaceId(group.workspace());
			var days = workspaceDays.of(workspace);
			var own = overrides.get(group.bot());
			if (own != null && own < days) {
				days = own;
			}
			var cutoff = now.minusDays(days);
			var deleted = this.transactions.execute(tx -> {
				List<UUID> ids = this.jdbc.sql("""
						SELECT id FROM chat_conversation WHERE workspace_id = :ws AND bot_id = :bot AND last_message_at < :cutoff
						ORDER BY last_message_at FETCH FIRST :n ROWS ONLY FOR UPDATE SKIP LOCKED""")
					.param("ws", group.workspace()).param("bot", group.bot()).param("cutoff", cutoff).param("n", batchSize)
					.query(UUID.class).list();
				if (ids.isEmpty()) {
					return 0;
				}
				this.events.publishEvent(new ConversationsDeleted(workspace, ids));
				int n = 0;
				for (var id : ids) {
					n += this.jdbc.sql("DELETE FROM chat_conversation WHERE id = :id").param("id", id).update();
				}
				tally.removed(workspace, n);
				return n;
			});
			if (deleted != null && deleted > 0) {
				return deleted;
			}
		}
		return 0;
	}

}
