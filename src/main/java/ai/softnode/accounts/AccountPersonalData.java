package ai.softnode.accounts;

import java.io.IOException;
import java.util.UUID;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.ExportRows;
import ai.softnode.privacy.spi.PersonalDataHolder;

/** The user's own account: exported to them, and erased last when they delete it, with every session. */
@Component
@Order(10)
class AccountPersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	private final SessionTerminator sessions;

	AccountPersonalData(JdbcClient jdbc, SessionTerminator sessions) {
		this.jdbc = jdbc;
		this.sessions = sessions;
	}

	@Override
	public String name() {
		return "account";
	}

	@Override
	public void exportUser(UUID userId, ExportArchive archive) throws IOException {
		archive.add("account/account.json", "Your account: name, email address, whether it is verified, when it was created and"
				+ " last changed (the password is stored only as an Argon2id hash and is not exported).",
				out -> ExportRows.jsonObject(this.jdbc.sql("""
						SELECT id, email, name, email_verified, created_at, updated_at, password_changed_at
						FROM accounts_user WHERE id = :id""").param("id", userId), out));
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) {
		// users belong to no workspace; members are exported by the workspaces module
	}

	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
	}

	@Override
	public void eraseUser(UUID userId, String email) {
		this.sessions.endAll(userId, null);
		this.jdbc.sql("DELETE FROM accounts_token WHERE user_id = :id OR email = :email").param("id", userId).param("email", email)
			.update();
		this.jdbc.sql("DELETE FROM accounts_user WHERE id = :id").param("id", userId).update();
	}

}
