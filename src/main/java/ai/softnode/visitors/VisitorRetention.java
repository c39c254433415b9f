package ai.softnode.visitors;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.RetentionHolder;

/**
 * Visitors left with no conversation and no lead are deleted: nothing about them is worth keeping
 * once their conversations have expired or were deleted. Runs after the conversations' purge; a
 * visitor seen within the last day is left alone, as their first conversation may be starting.
 */
@Component
@Order(20)
class VisitorRetention implements RetentionHolder {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	VisitorRetention(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public String kind() {
		return "visitors";
	}

	@Override
	public int purgeBatch(WorkspaceDays workspaceDays, OffsetDateTime now, int batchSize, Tally tally) {
		var cutoff = now.minusDays(1);
		var workspaces = this.jdbc.sql("SELECT DISTINCT workspace_id FROM visitors_visitor WHERE last_seen_at < :cutoff")
			.param("cutoff", cutoff).query(UUID.class).list();
		for (var workspace : workspaces) {
			var deleted = this.transactions.execute(tx -> {
				// chat_conversation is read only to know whether a conversation still refers to the visitor
				List<UUID> ids = this.jdbc.sql("""
						SELECT v.id FROM visitors_visitor v WHERE v.workspace_id = :ws AND v.last_seen_at < :cutoff
						AND NOT EXISTS (SELECT 1 FROM visitors_lead l WHERE l.workspace_id = v.workspace_id AND l.visitor_id = v.id)
						AND NOT EXISTS (SELECT 1 FROM chat_conversation c WHERE c.workspace_id = v.workspace_id AND c.visitor_id = v.id)
						ORDER BY v.last_seen_at FETCH FIRST :n ROWS ONLY FOR UPDATE SKIP LOCKED""")
					.param("ws", workspace).param("cutoff", cutoff).param("n", batchSize).query(UUID.class).list();
				int n = 0;
				for (var id : ids) {
					n += this.jdbc.sql("DELETE FROM visitors_visitor WHERE id = :id").param("id", id).update();
				}
				tally.removed(new WorkspaceId(workspace), n);
				return n;
			});
			if (deleted != null && deleted > 0) {
				return deleted;
			}
		}
		return 0;
	}

}
