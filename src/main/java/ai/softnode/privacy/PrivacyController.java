package ai.softnode.privacy;

import java.io.IOException;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.Forms;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Settings → Privacy: the workspace's retention and the purge log, the data export, visitors'
 * requests, deleting a visitor, and deleting one's own account.
 */
@Controller
class PrivacyController {

	private static final String PAGE = "/app/settings/privacy";

	private final RetentionPurge retention;

	private final DataExport export;

	private final VisitorData visitors;

	private final AccountDeletion deletion;

	private final ClientIp clientIp;

	PrivacyController(RetentionPurge retention, DataExport export, VisitorData visitors, AccountDeletion deletion, ClientIp clientIp) {
		this.retention = retention;
		this.export = export;
		this.visitors = visitors;
		this.deletion = deletion;
		this.clientIp = clientIp;
	}

	@GetMapping(PAGE)
	String page(Tenant tenant, Model model) {
		model.addAttribute("tenant", tenant);
		model.addAttribute("admin", tenant.can(Role.ADMIN));
		model.addAttribute("owner", tenant.can(Role.OWNER));
		model.addAttribute("defaultDays", this.retention.defaultDays());
		if (!model.containsAttribute("retentionForm")) {
			model.addAttribute("retentionForm", new RetentionForm(String.valueOf(this.retention.retentionDays(tenant.workspace()))));
		}
		model.addAttribute("overrides", this.retention.overrides(tenant.workspace()));
		model.addAttribute("runs", this.retention.recentRuns(tenant.workspace(), 20));
		if (tenant.can(Role.ADMIN)) {
			model.addAttribute("requests", this.visitors.requests(tenant, 50));
		}
		if (!model.containsAttribute("requestForm")) {
			model.addAttribute("requestForm", new RequestForm("", "export"));
		}
		if (!model.containsAttribute("visitorForm")) {
			model.addAttribute("visitorForm", new VisitorForm(""));
		}
		if (!model.containsAttribute("deleteForm")) {
			model.addAttribute("deleteForm", new DeleteForm(""));
		}
		model.addAttribute("preview", this.deletion.preview(tenant.userId()));
		return "privacy/settings";
	}

	@PostMapping(PAGE + "/retention")
	String retention(Tenant tenant, @ModelAttribute("retentionForm") RetentionForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		tenant.require(Role.OWNER);
		try {
			var days = form.days();
			this.retention.setRetentionDays(tenant, days, this.clientIp.of(request));
			redirect.addFlashAttribute("notice", "Conversation logs are now kept for " + days + " days.");
			return "redirect:" + PAGE;
		}
		catch (Problem problem) {
			if (problem.status() == HttpStatus.FORBIDDEN) {
				throw problem;
			}
			Forms.reject(errors, problem);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return page(tenant, model);
	}

	@GetMapping(PAGE + "/export")
	void export(Tenant tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.export.requireAllowed(tenant);
		response.setContentType("application/zip");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + this.export.fileName(tenant) + "\"");
		response.setHeader("Cache-Control", "no-store");
		this.export.exportWorkspace(tenant, response.getOutputStream(), this.clientIp.of(request));
	}

	@PostMapping(PAGE + "/visitor-requests")
	@Nullable String visitorRequest(Tenant tenant, @ModelAttribute("requestForm") RequestForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		tenant.require(Role.ADMIN);
		try {
			if ("export".equals(form.action())) {
				this.visitors.export(tenant, form.email(), () -> {
					response.setContentType("application/zip");
					response.setHeader("Content-Disposition", "attachment; filename=\"visitor-export.zip\"");
					response.setHeader("Cache-Control", "no-store");
					return response.getOutputStream();
				}, this.clientIp.of(request));
				return null;
			}
			var done = this.visitors.delete(tenant, form.email(), this.clientIp.of(request));
			redirect.addFlashAttribute("notice", "Deleted everything about " + done.visitors() + " visitor(s) known by that address ("
					+ done.rowsDeleted() + " records).");
			return "redirect:" + PAGE;
		}
		catch (Problem problem) {
			if (problem.status() == HttpStatus.FORBIDDEN) {
				throw problem;
			}
			if (problem.violations().isEmpty()) {
				errors.rejectValue("email", problem.code(), problem.getMessage());
			}
			else {
				Forms.reject(errors, problem);
			}
			response.setStatus(problem.status().value());
			return page(tenant, model);
		}
	}

	@PostMapping(PAGE + "/visitors/delete")
	String deleteVisitor(Tenant tenant, @ModelAttribute("visitorForm") VisitorForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		tenant.require(Role.ADMIN);
		var input = form.visitor() == null ? "" : form.visitor().strip();
		try {
			if (input.contains("@")) {
				var done = this.visitors.delete(tenant, input, this.clientIp.of(request));
				redirect.addFlashAttribute("notice", "Deleted " + done.visitors() + " visitor(s) and " + done.rowsDeleted() + " records.");
			}
			else {
				UUID id;
				try {
					id = UUID.fromString(input);
				}
				catch (IllegalArgumentException ex) {
					throw Problem.invalid("visitor", "Enter a visitor id (as shown on a conversation) or an email address.");
				}
				var rows = this.visitors.eraseVisitor(tenant, id, this.clientIp.of(request));
				redirect.addFlashAttribute("notice", "Deleted the visitor and " + rows + " records about them.");
			}
			return "redirect:" + PAGE;
		}
		catch (Problem problem) {
			if (problem.status() == HttpStatus.FORBIDDEN) {
				throw problem;
			}
			errors.rejectValue("visitor", problem.code(), problem.violations().isEmpty() ? problem.getMessage()
					: problem.violations().get(0).message());
			response.setStatus(problem.status().value());
			return page(tenant, model);
		}
	}

	@PostMapping(PAGE + "/delete-account")
	String deleteAccount(Tenant tenant, @ModelAttribute("deleteForm") DeleteForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			var deleted = this.deletion.deleteWithPassword(tenant.userId(), form.password() == null ? "" : form.password(),
					this.clientIp.of(request));
			var session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
			model.addAttribute("deleted", deleted);
			return "privacy/account-deleted";
		}
		catch (Problem problem) {
			Forms.reject(errors, problem);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(tenant, model);
		}
	}

	record RetentionForm(@Nullable String retentionDays) {

		/** The days entered, or a problem next to the field when they are not a whole number. */
		Integer days() {
			try {
				return Integer.valueOf(this.retentionDays == null ? "" : this.retentionDays.strip());
			}
			catch (NumberFormatException ex) {
				throw Problem.invalid("retentionDays", "Enter a whole number of days from 1 to 3650.");
			}
		}

	}

	record RequestForm(@Nullable String email, @Nullable String action) {
	}

	record VisitorForm(@Nullable String visitor) {
	}

	record DeleteForm(@Nullable String password) {

		@Override
		public String toString() {
			return "DeleteForm[]";
		}

	}

}
