package ai.softnode.privacy.spi;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/**
 * A module (or part of one) that stores personal data. Privacy receives every bean implementing this and
 * drives export and erasure through it, so neither can forget a module that registered itself. A module
 * may register several holders, one per kind of data. Holders are called in {@code @Order} order for
 * export and in reverse order for erasure (workspace and account rows, which others refer to, come first
 * in the order and are therefore erased last).
 */
public interface PersonalDataHolder {

	/** Short name, used in logs and as the folder of this holder's files in exports (e.g. {@code chat}). */
	String name();

	/** Adds everything this holder stores for the workspace to the archive, streamed. */
	void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException;

	/**
	 * Called for every holder before anything of the workspace is erased, outside any transaction: the
	 * place for calls to other systems (cancelling a subscription). Throwing stops the deletion with
	 * nothing removed.
	 */
	default void beforeErasure(WorkspaceId workspace) {
	}

	/** Deletes every row this holder stores for the workspace. Idempotent. */
	void eraseWorkspace(WorkspaceId workspace);

	/**
	 * Adds what this holder stores about one user outside any workspace (their account) to the archive.
	 * Called once per export, for the user who asked for it.
	 */
	default void exportUser(UUID userId, ExportArchive archive) throws IOException {
	}

	/** Visitors of the workspace known by this email address (e.g. through a lead). */
	default Set<UUID> findVisitors(WorkspaceId workspace, String email) {
		return Set.of();
	}

	/** Adds everything this holder stores about one visitor to the archive. */
	default void exportVisitor(WorkspaceId workspace, UUID visitorId, ExportArchive archive) throws IOException {
	}

	/** Deletes everything this holder stores about one visitor. Idempotent. @return rows deleted */
	default int eraseVisitor(WorkspaceId workspace, UUID visitorId) {
		return 0;
	}

	/**
	 * Email addresses this holder knows for the visitor (the ones they left in a lead), asked before the
	 * visitor is erased so that copies naming them elsewhere can be erased too.
	 */
	default Set<String> emailsOf(WorkspaceId workspace, UUID visitorId) {
		return Set.of();
	}

	/**
	 * Deletes what this holder keeps in the workspace that names an erased visitor's email address
	 * (e.g. a new-lead notification mail to the owners). @return rows deleted
	 */
	default int eraseVisitorMentions(WorkspaceId workspace, String email) {
		return 0;
	}

	/**
	 * Removes a deleted user from what this holder keeps outside the workspaces erased with the account
	 * (memberships in others' workspaces, invitations, mails, anything naming the email address).
	 */
	default void eraseUser(UUID userId, String email) {
	}

}
