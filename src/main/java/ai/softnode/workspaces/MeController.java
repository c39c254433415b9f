package ai.softnode.workspaces;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;

/** {@code GET /api/v1/me}: who the API key acts as. */
@RestController
@RequestMapping("/api/v1")
class MeController {

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	MeController(AccountManagement accounts, WorkspaceManagement workspaces) {
		this.accounts = accounts;
		this.workspaces = workspaces;
	}

	@GetMapping("/me")
	Me me(Tenant tenant) {
		var user = this.accounts.find(tenant.userId()).orElseThrow(() -> Problem.notFound("user_not_found", "The key's creator no longer exists."));
		return new Me(new Me.User(user.id(), user.name(), user.email()),
				new Me.Workspace(tenant.workspace().value(), this.workspaces.name(tenant.workspace())),
				tenant.role().name(), tenant.apiKeyId());
	}

	record Me(User user, Workspace workspace, String role, @Nullable UUID apiKeyId) {

		record User(UUID id, String name, String email) {
		}

		record Workspace(UUID id, String name) {
		}

	}

}
