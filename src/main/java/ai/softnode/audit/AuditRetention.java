package ai.softnode.audit;

import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ai.softnode.privacy.spi.RetentionHolder;

/**
 * Audit entries expire {@code softnode.audit.retention-days} after they were written, whatever the
 * workspace's conversation retention is: the log must outlive the data whose deletion it records.
 */
@Component
class AuditRetention implements RetentionHolder {

	private final AuditLog log;

	private final AuditProperties properties;

	private final TransactionTemplate transactions;

	AuditRetention(AuditLog log, AuditProperties properties, TransactionTemplate transactions) {
		this.log = log;
		this.properties = properties;
		this.transactions = transactions;
	}

	@Override
	public String kind() {
		return "audit entries";
	}

	@Override
	public int purgeBatch(WorkspaceDays workspaceDays, OffsetDateTime now, int batchSize, Tally tally) {
		var cutoff = now.minusDays(this.properties.retentionDays());
		var deleted = this.transactions.execute(tx -> this.log.deleteOlderThan(cutoff, batchSize, tally));
		return deleted == null ? 0 : deleted;
	}

}
