package ai.softnode.workspaces;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.Forms;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Settings pages: profile, password, team members and API keys. */
@Controller
class SettingsController {

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final ApiKeys apiKeys;

	SettingsController(AccountManagement accounts, WorkspaceManagement workspaces, ApiKeys apiKeys) {
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.apiKeys = apiKeys;
	}

	@GetMapping("/app/settings")
	String settings() {
		return "redirect:/app/settings/profile";
	}

	@GetMapping("/app/settings/profile")
	String profile(Tenant tenant, Model model) {
		var user = this.accounts.find(tenant.userId()).orElseThrow();
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ProfileForm(user.name(), user.email(), this.workspaces.name(tenant.workspace())));
		}
		if (!model.containsAttribute("passwordForm")) {
			model.addAttribute("passwordForm", new PasswordForm("", ""));
		}
		model.addAttribute("pendingEmail", this.accounts.pendingEmail(tenant.userId()).orElse(null));
		model.addAttribute("canRename", tenant.can(Role.ADMIN));
		return "workspaces/profile";
	}

	@PostMapping("/app/settings/profile")
	String updateProfile(Tenant tenant, @Valid @ModelAttribute("form") ProfileForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				var confirmationSent = this.accounts.updateProfile(tenant.userId(), form.name(), form.email());
				if (tenant.can(Role.ADMIN) && form.company() != null
						&& !form.company().strip().equals(this.workspaces.name(tenant.workspace()))) {
					this.workspaces.rename(tenant, form.company());
				}
				redirect.addFlashAttribute("notice", confirmationSent
						? "Saved. We sent a confirmation link to " + form.email().trim() + "; the new address takes effect once you open it."
						: "Your profile has been saved.");
				return "redirect:/app/settings/profile";
			}
			catch (Problem problem) {
				Forms.reject(errors, problem);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return profile(tenant, model);
	}

	@PostMapping("/app/settings/password")
	String changePassword(Tenant tenant, @Valid @ModelAttribute("passwordForm") PasswordForm form, BindingResult errors,
			Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.accounts.changePassword(tenant.userId(), form.currentPassword(), form.newPassword(),
						request.getSession().getId());
				redirect.addFlashAttribute("notice", "Your password has been changed and your other sessions have been signed out.");
				return "redirect:/app/settings/profile";
			}
			catch (Problem problem) {
				Forms.reject(errors, problem);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return profile(tenant, model);
	}

	@GetMapping("/app/settings/members")
	String members(Tenant tenant, Model model) {
		model.addAttribute("members", this.workspaces.members(tenant));
		model.addAttribute("invitations", tenant.can(Role.ADMIN) ? this.workspaces.openInvitations(tenant) : java.util.List.of());
		model.addAttribute("tenant", tenant);
		model.addAttribute("roles", Role.values());
		if (!model.containsAttribute("inviteForm")) {
			model.addAttribute("inviteForm", new InviteForm("", Role.AGENT));
		}
		return "workspaces/members";
	}

	@PostMapping("/app/settings/members/invite")
	String invite(Tenant tenant, @Valid @ModelAttribute("inviteForm") InviteForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		tenant.require(Role.ADMIN);
		if (!errors.hasErrors()) {
			try {
				var invitation = this.workspaces.invite(tenant, form.email(), form.role());
				redirect.addFlashAttribute("notice", "Invitation sent to " + invitation.email() + ".");
				return "redirect:/app/settings/members";
			}
			catch (Problem problem) {
				if (problem.status() == HttpStatus.FORBIDDEN) {
					throw problem;
				}
				Forms.reject(errors, problem);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return members(tenant, model);
	}

	@PostMapping("/app/settings/members/{userId}/role")
	String changeRole(Tenant tenant, @PathVariable UUID userId, @RequestParam Role role, RedirectAttributes redirect) {
		this.workspaces.changeRole(tenant, userId, role);
		redirect.addFlashAttribute("notice", "Role changed.");
		return "redirect:/app/settings/members";
	}

	@PostMapping("/app/settings/members/{userId}/remove")
	String remove(Tenant tenant, @PathVariable UUID userId, RedirectAttributes redirect) {
		this.workspaces.removeMember(tenant, userId);
		if (userId.equals(tenant.userId())) {
			return "redirect:/app";
		}
		redirect.addFlashAttribute("notice", "Member removed; their API keys in this workspace were revoked.");
		return "redirect:/app/settings/members";
	}

	@PostMapping("/app/settings/invitations/{id}/revoke")
	String revokeInvitation(Tenant tenant, @PathVariable UUID id, RedirectAttributes redirect) {
		this.workspaces.revokeInvitation(tenant, id);
		redirect.addFlashAttribute("notice", "Invitation revoked.");
		return "redirect:/app/settings/members";
	}

	@GetMapping("/app/settings/api-keys")
	String apiKeys(Tenant tenant, Model model) {
		model.addAttribute("keys", this.apiKeys.list(tenant));
		if (!model.containsAttribute("keyForm")) {
			model.addAttribute("keyForm", new KeyForm(""));
		}
		return "workspaces/api-keys";
	}

	@PostMapping("/app/settings/api-keys")
	String createApiKey(Tenant tenant, @Valid @ModelAttribute("keyForm") KeyForm form, BindingResult errors, Model model,
			HttpServletResponse response) {
		tenant.require(Role.ADMIN);
		if (!errors.hasErrors()) {
			try {
				var created = this.apiKeys.create(tenant, form.name());
				model.addAttribute("newKey", created.plain());
				model.addAttribute("newKeyName", created.key().name());
				model.addAttribute("keyForm", new KeyForm(""));
				response.setHeader("Cache-Control", "no-store");
				return apiKeys(tenant, model);
			}
			catch (Problem problem) {
				Forms.reject(errors, problem);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return apiKeys(tenant, model);
	}

	@PostMapping("/app/settings/api-keys/{id}/revoke")
	String revokeApiKey(Tenant tenant, @PathVariable UUID id, RedirectAttributes redirect) {
		this.apiKeys.revoke(tenant, id);
		redirect.addFlashAttribute("notice", "The key has been revoked; requests using it are refused from now on.");
		return "redirect:/app/settings/api-keys";
	}

	@PostMapping("/app/workspaces/switch")
	String switchWorkspace(Authentication authentication, @RequestParam UUID workspaceId, HttpServletRequest request) {
		var member = this.workspaces.memberships(UUID.fromString(authentication.getName())).stream()
			.anyMatch(m -> m.id().equals(workspaceId));
		if (!member) {
			throw Problem.notFound("workspace_not_found", "You are not a member of this workspace.");
		}
		request.getSession().setAttribute(WorkspaceLayout.CURRENT_WORKSPACE, workspaceId);
		return "redirect:/app";
	}

	record ProfileForm(@NotBlank(message = "Enter your name.") @Size(max = 100, message = "Use at most 100 characters.") String name,
			@NotBlank(message = "Enter your email address.") @Size(max = 254, message = "Use at most 254 characters.") String email,
			@Size(max = 100, message = "Use at most 100 characters.") String company) {
	}

	record PasswordForm(@NotBlank(message = "Enter your current password.") String currentPassword,
			@NotBlank(message = "Choose a new password.") @Size(max = 128, message = "Use at most 128 characters.") String newPassword) {

		@Override
		public String toString() {
			return "PasswordForm[]";
		}

	}

	record InviteForm(@NotBlank(message = "Enter an email address.") @Size(max = 254, message = "Use at most 254 characters.") String email,
			@NotNull(message = "Choose a role.") Role role) {
	}

	record KeyForm(@NotBlank(message = "Give the key a name, like 'CRM sync'.") @Size(max = 80, message = "Use at most 80 characters.") String name) {
	}

}
