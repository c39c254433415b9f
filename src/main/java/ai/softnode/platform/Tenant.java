package ai.softnode.platform;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting and in which workspace: resolved once per request from the session or the API key
 * and passed explicitly to every service method that touches tenant data.
 *
 * @param workspace the workspace acted upon
 * @param userId the signed-in user, or the user who created the API key in use
 * @param role the actor's role in that workspace
 * @param apiKeyId the API key in use, {@code null} for a browser session
 */
public record Tenant(WorkspaceId workspace, UUID userId, Role role, @Nullable UUID apiKeyId) {

	/** Fails with 403 unless the actor's role covers {@code required}. */
	public Tenant require(Role required) {
		if (!this.role.covers(required)) {
			throw Problem.forbidden("role_required",
					"This needs the " + required.label() + " role; you are " + this.role.label() + ".");
		}
		return this;
	}

	public boolean can(Role required) {
		return this.role.covers(required);
	}

	public boolean viaApiKey() {
		return this.apiKeyId != null;
	}

}
