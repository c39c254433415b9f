package ai.softnode.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import ai.softnode.platform.Audited;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** Retention changes, exports, visitor requests and account deletions are published for the audit log. */
@IntegrationTest
@RecordApplicationEvents
class PrivacyAuditIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	RetentionPurge retention;

	@Autowired
	DataExport export;

	@Autowired
	VisitorData visitors;

	@Autowired
	AccountDeletion deletion;

	@Autowired
	ApplicationEvents events;

	@Test
	void privacyActionsAreAudited() throws Exception {
		var seeded = PrivacyFixtures.seed(this.support, "Audit Owner", 1, 1);
		var tenant = new Tenant(new WorkspaceId(seeded.owner().workspaceId()), seeded.owner().id(), Role.OWNER, null);
		this.retention.setRetentionDays(tenant, 60, "81.2.69.160");
		this.export.exportWorkspace(tenant, new ByteArrayOutputStream(), "81.2.69.160");
		this.visitors.delete(tenant, seeded.leadEmails().get(0), "81.2.69.160");
		this.deletion.deleteWithConfirmation(seeded.owner().id(), seeded.owner().email(), "81.2.69.160");

		var audited = this.events.stream(Audited.class).toList();
		assertThat(audited).extracting(Audited::action)
			.containsSubsequence("retention.changed", "privacy.exported", "privacy.visitor_deleted", "account.deleted");
		var changed = audited.stream().filter(a -> a.action().equals("retention.changed")).findFirst().orElseThrow();
		assertThat(changed.actor()).isEqualTo(seeded.owner().email());
		assertThat(changed.target()).contains("90 → 60 days");
		var deleted = audited.stream().filter(a -> a.action().equals("account.deleted")).findFirst().orElseThrow();
		assertThat(deleted.workspace()).isNull();
		assertThat(deleted.actorId()).isNull();
		assertThat(deleted.actor() + deleted.target()).doesNotContain(seeded.owner().email());
	}

}
