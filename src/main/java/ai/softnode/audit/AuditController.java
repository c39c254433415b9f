package ai.softnode.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ai.softnode.platform.Days;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletResponse;

/** The audit log page under Settings, for owners and admins, and its CSV download. */
@Controller
class AuditController {

	static final int PAGE_SIZE = 50;

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/app/settings/audit")
	String list(Tenant tenant, @RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		tenant.require(Role.ADMIN);
		var filter = new AuditFilter(action, actor, Days.start(from), Days.end(to));
		model.addAttribute("page", this.log.page(tenant.workspace(), filter, Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("actions", this.log.actions(tenant.workspace()).stream()
			.map(code -> new ActionChoice(code, AuditActions.label(code))).toList());
		model.addAttribute("action", action);
		model.addAttribute("actor", actor);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		return "audit/log";
	}

	@GetMapping("/app/settings/audit.csv")
	void csv(Tenant tenant, @RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			HttpServletResponse response) throws IOException {
		tenant.require(Role.ADMIN);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
		response.setHeader("Cache-Control", "no-store");
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		AuditCsv.write(this.log, tenant.workspace(), new AuditFilter(action, actor, Days.start(from), Days.end(to)), writer);
		writer.flush();
	}

	/** An option of the action filter. */
	public record ActionChoice(String code, String label) {
	}

}
