package ai.softnode.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.platform.Audited;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.RetentionSettings;
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

	private final List<RetentionSettings> settings;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Actors actors;

	RetentionPurge(List<RetentionHolder> holders, List<RetentionSettings> settings, JdbcClient jdbc, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events, Actors actors,
			@Value("${softnode.retention-default-days:90}") int defaultDays,
			@Value("${softnode.privacy.purge-batch-size:500}") int batchSize) {
		if (defaultDays < 1 || defaultDays > 3650) {
			throw new IllegalArgumentException("softnode.retention-default-days must be 1 to 3650, was " + defaultDays);
		}
		this.holders = holders;
		this.settings = settings;
		this.transactions = transactions;
		this.events = events;
		this.actors = actors;
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
			var perWorkspace = new LinkedHashMap<UUID, Integer>();
			do {
				deleted = holder.purgeBatch(this::retentionDays, now, this.batchSize,
						(workspace, n) -> perWorkspace.merge(workspace.value(), n, Integer::sum));
				total += deleted;
			}
			while (deleted > 0);
			removed.put(holder.kind(), total);
			perWorkspace.forEach((workspace, n) -> recordRemoved(id, workspace, holder.kind(), n));
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

	/**
	 * Sets the workspace's conversation-log retention; owners only.
	 * @throws Problem {@code validation_failed} on {@code retentionDays} unless 1 to 3650
	 */
	public void setRetentionDays(Tenant tenant, @Nullable Integer days, @Nullable String clientIp) {
		tenant.require(Role.OWNER);
		if (days == null || days < 1 || days > 3650) {
			throw Problem.invalid("retentionDays", "Choose between 1 and 3650 days (ten years).");
		}
		var before = retentionDays(tenant.workspace());
		this.transactions.executeWithoutResult(tx -> {
			this.jdbc.sql("DELETE FROM privacy_retention WHERE workspace_id = :ws").param("ws", tenant.workspace().value()).update();
			this.jdbc.sql("INSERT INTO privacy_retention (workspace_id, retention_days) VALUES (:ws, :days)")
				.param("ws", tenant.workspace().value()).param("days", days).update();
			this.events.publishEvent(Audited.by(tenant, this.actors.of(tenant), "retention.changed",
					"conversation logs: " + before + " → " + days + " days", clientIp, this.clock.instant()));
		});
	}

	/** Shorter retention periods set inside the workspace (bots). */
	public List<RetentionSettings.Period> overrides(WorkspaceId workspace) {
		return this.settings.stream().flatMap(s -> s.overrides(workspace).stream()).toList();
	}

	/** The installation's default retention in days. */
	public int defaultDays() {
		return this.defaultDays;
	}

	private void recordRemoved(UUID run, UUID workspace, String kind, int rows) {
		try {
			this.jdbc.sql("INSERT INTO privacy_purge_removed (run_id, workspace_id, kind, removed_rows) VALUES (:run, :ws, :kind, :n)")
				.param("run", run).param("ws", workspace).param("kind", kind).param("n", rows).update();
		}
		catch (DataIntegrityViolationException workspaceDeletedMeanwhile) {
			// nothing to show to an owner who no longer exists
		}
	}

	/**
	 * Recent purge runs, newest first, with what each removed from this workspace (every kind named,
	 * 0 when nothing of it expired there): owners never see other workspaces' figures.
	 */
	public List<PurgeRun> recentRuns(WorkspaceId workspace, int limit) {
		record Run(UUID id, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt) {
		}
		var runs = this.jdbc.sql("SELECT id, started_at, finished_at FROM privacy_purge_run ORDER BY started_at DESC FETCH FIRST :n ROWS ONLY")
			.param("n", limit)
			.query((rs, n) -> new Run(rs.getObject("id", UUID.class), rs.getObject("started_at", OffsetDateTime.class),
					rs.getObject("finished_at", OffsetDateTime.class)))
			.list();
		var removed = new HashMap<UUID, Map<String, Integer>>();
		if (!runs.isEmpty()) {
			this.jdbc.sql("SELECT run_id, kind, removed_rows FROM privacy_purge_removed WHERE workspace_id = :ws AND run_id IN (:ids)")
				.param("ws", workspace.value()).param("ids", runs.stream().map(Run::id).toList())
				.query(rs -> {
					removed.computeIfAbsent(rs.getObject("run_id", UUID.class), k -> new HashMap<>())
						.put(rs.getString("kind"), rs.getInt("removed_rows"));
				});
		}
		return runs.stream().map(run -> {
			var counts = removed.getOrDefault(run.id(), Map.of());
			var summary = String.join(", ", this.holders.stream().map(h -> h.kind() + "=" + counts.getOrDefault(h.kind(), 0)).toList());
			return new PurgeRun(run.startedAt(), run.finishedAt(), summary);
		}).toList();
	}

	/** Recent purge runs of the whole installation, newest first. */
	public List<PurgeRun> recentRuns(int limit) {
		return this.jdbc.sql("SELECT started_at, finished_at, removed FROM privacy_purge_run ORDER BY started_at DESC FETCH FIRST :n ROWS ONLY")
			.param("n", limit)
			.query((rs, n) -> new PurgeRun(rs.getObject("started_at", OffsetDateTime.class),
					rs.getObject("finished_at", OffsetDateTime.class), rs.getString("removed")))
			.list();
	}

	/** One run of the purge; {@code finishedAt} is empty for a run that was interrupted. */
	public record PurgeRun(OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, String removed) {
	}

}
