package ai.softnode.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.RetentionHolder;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Deletes data past its retention (conversation logs: 90 days unless the workspace or a bot says
 * otherwise). Runs every {@code softnode.privacy.purge-interval} on whichever node holds the lock,
 * in batches so chat traffic is never blocked, and records every run with what it removed.
 */
@Service
public class RetentionPurge {

	private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

	private final List<RetentionHolder> holders;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int defaultDays;

	private final int batchSize;

	RetentionPurge(List<RetentionHolder> holders, JdbcClient jdbc, Clock clock,
			@Value("${softnode.retention-default-days:90}") int defaultDays,
			@Value("${softnode.privacy.purge-batch-size:500}") int batchSize) {
		if (defaultDays < 1 || defaultDays > 3650) {
			throw new IllegalArgumentException("softnode.retention-default-days must be 1 to 3650, was " + defaultDays);
		}
		this.holders = holders;
		this.jdbc = jdbc;
		this.clock = clock;
		this.defaultDays = defaultDays;
		this.batchSize = batchSize;
	}

	@Scheduled(fixedDelayString = "${softnode.privacy.purge-interval:PT1H}", initialDelayString = "PT1M")
	@SchedulerLock(name = "privacy-retention-purge", lockAtMostFor = "PT2H")
	public void scheduled() {
		purge(OffsetDateTime.now(this.clock));
	}

	/** Purges everything expired at {@code now}; returns rows removed per kind. */
	public Map<String, Integer> purge(OffsetDateTime now) {
		var removed = new LinkedHashMap<String, Integer>();
		var id = UUID.randomUUID();
		this.jdbc.sql("INSERT INTO privacy_purge_run (id, started_at, removed) VALUES (:id, :at, '')")
			.param("id", id).param("at", now).update();
		for (var holder : this.holders) {
			int total = 0;
			int deleted;
			do {
				deleted = holder.purgeBatch(this::retentionDays, now, this.batchSize);
				total += deleted;
			}
			while (deleted > 0);
			removed.put(holder.kind(), total);
		}
		var summary = String.join(", ", removed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
		this.jdbc.sql("UPDATE privacy_purge_run SET finished_at = :at, removed = :removed WHERE id = :id")
			.param("at", OffsetDateTime.now(this.clock)).param("removed", summary).param("id", id).update();
		if (removed.values().stream().anyMatch(n -> n > 0)) {
			log.info("Retention purge removed {}", summary);
		}
		return removed;
	}

	/** A workspace's retention in days: its own setting, or the installation default. */
	public int retentionDays(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT retention_days FROM privacy_retention WHERE workspace_id = :ws")
			.param("ws", workspace.value()).query(Integer.class).optional().orElse(this.defaultDays);
	}

	/** Recent purge runs, newest first. */
	public List<PurgeRun> recentRuns(int limit) {
		return this.jdbc.sql("SELECT started_at, finished_at, removed FROM privacy_purge_run ORDER BY started_at DESC FETCH FIRST :n ROWS ONLY")
			.param("n", limit)
			.query((rs, n) -> new PurgeRun(rs.getObject("started_at", OffsetDateTime.class),
					rs.getObject("finished_at", OffsetDateTime.class), rs.getString("removed")))
			.list();
	}

	/** One run of the purge; {@code finishedAt} is empty for a run that was interrupted. */
	public record PurgeRun(OffsetDateTime startedAt, @org.jspecify.annotations.Nullable OffsetDateTime finishedAt, String removed) {
	}

}
