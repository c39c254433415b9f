package ai.softnode.workspaces;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.accounts.UserAccount;
import ai.softnode.notifications.Mailer;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.AccountDirectory;

/** Tells privacy which workspaces go with an account and which stay, and mails the deletion's confirmation. */
@Component
class AccountOwnership implements AccountDirectory {

	/** The outbox deletes mails of this kind once delivered. */
	static final String DELETION_MAIL = Mailer.FORGOTTEN_ONCE_SENT;

	private final AccountManagement accounts;

	private final JdbcClient jdbc;

	private final Mailer mailer;

	AccountOwnership(AccountManagement accounts, JdbcClient jdbc, Mailer mailer) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.mailer = mailer;
	}

	@Override
	public Optional<String> email(UUID userId) {
		return this.accounts.find(userId).map(UserAccount::email);
	}

	@Override
	public boolean passwordMatches(UUID userId, String password) {
		return this.accounts.checkPassword(userId, password);
	}

	@Override
	public List<Workspace> ownedAlone(UUID userId) {
		return workspaces(userId, true);
	}

	@Override
	public List<Workspace> shared(UUID userId) {
		return workspaces(userId, false);
	}

	private List<Workspace> workspaces(UUID userId, boolean alone) {
		return this.jdbc.sql("""
				SELECT w.id, w.name FROM workspaces_member m JOIN workspaces_workspace w ON w.id = m.workspace_id
				WHERE m.user_id = :user AND (m.role = 'OWNER' AND NOT EXISTS (
				    SELECT 1 FROM workspaces_member o WHERE o.workspace_id = m.workspace_id AND o.role = 'OWNER' AND o.user_id <> :user)) = :alone
				ORDER BY w.created_at""")
			.param("user", userId).param("alone", alone)
			.query((rs, n) -> new Workspace(new WorkspaceId(rs.getObject("id", UUID.class)), rs.getString("name")))
			.list();
	}

	@Override
	public void confirmDeletion(String email, String summary) {
		this.mailer.queue(null, new Mailer.Mail(email, "Your Softnode account has been deleted", summary, DELETION_MAIL));
	}

}
