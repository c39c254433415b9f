package ai.softnode.knowledge.source;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import ai.softnode.platform.WorkspaceId;

/**
 * The {@code knowledge_job} table: durable ingestion work. A job is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and leased until {@code locked_until}; a node that dies leaves a
 * lease that runs out, and another node takes the job over.
 */
@Repository
class Jobs {

	private final JdbcClient jdbc;

	Jobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds a job for the source unless one is waiting already; returns whether one was added. */
	boolean enqueue(WorkspaceId workspace, UUID botId, UUID sourceId, OffsetDateTime now) {
		return this.jdbc.sql("""
				INSERT INTO knowledge_job (id, workspace_id, bot_id, source_id, attempts, run_after, created_at)
				VALUES (:id, :ws, :bot, :source, 0, :now, :now) ON CONFLICT DO NOTHING""")
			.param("id", UUID.randomUUID()).param("ws", workspace.value()).param("bot", botId).param("source", sourceId)
			.param("now", now).update() > 0;
	}

	/** Takes the oldest due job whose lease is free; call inside a transaction. */
	Optional<Job> claim(String node, OffsetDateTime now, OffsetDateTime leaseUntil) {
		var job = this.jdbc.sql("""
				SELECT id, workspace_id, bot_id, source_id, attempts FROM knowledge_job
				WHERE run_after <= :now AND (locked_until IS NULL OR locked_until < :now)
				ORDER BY run_after, created_at FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED""")
			.param("now", now)
			.query((rs, row) -> new Job(rs.getObject("id", UUID.class), new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
					rs.getObject("bot_id", UUID.class), rs.getObject("source_id", UUID.class), rs.getInt("attempts") + 1))
			.optional();
		job.ifPresent(claimed -> this.jdbc.sql("""
				UPDATE knowledge_job SET locked_by = :node, locked_until = :until, attempts = attempts + 1 WHERE id = :id""")
			.param("node", node).param("until", leaseUntil).param("id", claimed.id()).update());
		return job;
	}

	/** Whether this node still holds the lease of the job. */
	boolean holds(UUID jobId, String node) {
		return this.jdbc.sql("SELECT COUNT(*) FROM knowledge_job WHERE id = :id AND locked_by = :node")
			.param("id", jobId).param("node", node).query(Long.class).single() > 0;
	}

	/** Extends this node's lease of the job; false when another node has taken it over. */
	boolean renew(UUID jobId, String node, OffsetDateTime until) {
		return this.jdbc.sql("UPDATE knowledge_job SET locked_until = :until WHERE id = :id AND locked_by = :node")
			.param("until", until).param("id", jobId).param("node", node).update() > 0;
	}

	void delete(UUID jobId) {
		this.jdbc.sql("DELETE FROM knowledge_job WHERE id = :id").param("id", jobId).update();
	}

	/** Gives a job back to be tried again after {@code runAfter}. */
	void release(UUID jobId, OffsetDateTime runAfter) {
		this.jdbc.sql("UPDATE knowledge_job SET locked_by = NULL, locked_until = NULL, run_after = :after WHERE id = :id")
			.param("id", jobId).param("after", runAfter).update();
	}

	boolean exists(UUID sourceId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM knowledge_job WHERE source_id = :source").param("source", sourceId)
			.query(Long.class).single() > 0;
	}

	/** A claimed job; {@code attempt} counts this try. */
	record Job(UUID id, WorkspaceId workspace, UUID botId, UUID sourceId, int attempt) {
	}

}
