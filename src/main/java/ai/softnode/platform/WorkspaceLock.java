package ai.softnode.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises, across threads and nodes, changes whose check depends on counting a workspace's rows
 * (plan limits: bots, seats): the workspace's own row is locked until the calling transaction ends, so
 * two requests at the same instant cannot both see room for one more.
 */
@Component
public class WorkspaceLock {

	private final JdbcClient jdbc;

	WorkspaceLock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks the workspace until the surrounding transaction commits or rolls back. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(WorkspaceId workspace) {
		this.jdbc.sql("SELECT id FROM workspaces_workspace WHERE id = :ws FOR UPDATE").param("ws", workspace.value())
			.query(java.util.UUID.class).optional();
	}

}
