package ai.softnode.privacy;

import java.io.IOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Data rights over the JSON API: export, account deletion and visitors' requests. */
@RestController
@Tag(name = "Privacy", description = "Export your data, delete your account, carry out visitors' requests")
class PrivacyApiController {

	private final DataExport export;

	private final AccountDeletion deletion;

	private final VisitorData visitors;

	private final ClientIp clientIp;

	PrivacyApiController(DataExport export, AccountDeletion deletion, VisitorData visitors, ClientIp clientIp) {
		this.export = export;
		this.deletion = deletion;
		this.visitors = visitors;
		this.clientIp = clientIp;
	}

	@GetMapping(path = "/api/v1/account/export", produces = { "application/zip", MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Everything the workspace stores, as one ZIP with a README (owners and admins)")
	void export(Tenant tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.export.requireAllowed(tenant);
		zip(response, this.export.fileName(tenant));
		this.export.exportWorkspace(tenant, response.getOutputStream(), this.clientIp.of(request));
	}

	@DeleteMapping("/api/v1/account")
	@Operation(summary = "Delete the account of the key's user, with the workspaces they own alone; send {\"confirm\": \"<their email>\"}")
	Map<String, Object> delete(Tenant tenant, @RequestBody(required = false) @Nullable Confirmation body, HttpServletRequest request) {
		var deleted = this.deletion.deleteWithConfirmation(tenant.userId(), body == null ? null : body.confirm(),
				this.clientIp.of(request));
		return Map.of("deleted", true, "workspacesDeleted", deleted.workspacesDeleted(), "workspacesLeft", deleted.workspacesLeft());
	}

	@PostMapping(path = "/api/v1/privacy/visitor-requests", produces = { "application/zip", MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Carry out a visitor's request by email: action \"export\" answers a ZIP of their data, \"delete\" erases them everywhere")
	VisitorData.@Nullable Request visitorRequest(Tenant tenant, @RequestBody(required = false) @Nullable VisitorRequest body,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		var email = body == null ? null : body.email();
		var action = body == null ? null : body.action();
		VisitorData.validate(email, action);
		if ("export".equals(action)) {
			this.visitors.export(tenant, email, () -> {
				zip(response, "visitor-export.zip");
				return response.getOutputStream();
			}, this.clientIp.of(request));
			return null;
		}
		return this.visitors.delete(tenant, email, this.clientIp.of(request));
	}

	private static void zip(HttpServletResponse response, String fileName) {
		response.setContentType("application/zip");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		response.setHeader("Cache-Control", "no-store");
	}

	/** @param confirm the account's email address, to show the deletion is meant */
	record Confirmation(@Nullable String confirm) {
	}

	/**
	 * @param email the visitor's address, as they gave it in a lead
	 * @param action {@code export} or {@code delete}
	 */
	record VisitorRequest(@Nullable String email, @Nullable String action) {
	}

}
