package ai.softnode.privacy.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ai.softnode.platform.WorkspaceId;

/**
 * What privacy needs to know about users and their workspaces to delete an account, implemented by
 * the module that owns memberships. Privacy itself depends on no other module.
 */
public interface AccountDirectory {

	/** The user's email address; empty when there is no such user (any more). */
	Optional<String> email(UUID userId);

	/** Whether {@code password} is the user's current password. */
	boolean passwordMatches(UUID userId, String password);

	/** Workspaces the user owns alone: they are deleted with the account. */
	List<Workspace> ownedAlone(UUID userId);

	/** Other workspaces the user belongs to: the user leaves them, they stay. */
	List<Workspace> shared(UUID userId);

	/**
	 * Queues the mail confirming that an account was deleted. It is sent outside any workspace and
	 * forgotten once delivered, so no row naming the address remains.
	 */
	void confirmDeletion(String email, String summary);

	/** A workspace as the deletion page lists it. */
	record Workspace(WorkspaceId id, String name) {
	}

}
