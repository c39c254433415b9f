package ai.softnode.audit;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.platform.Days;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The workspace's audit log over the JSON API. */
@RestController
@Tag(name = "Audit log", description = "Who did what in the workspace, when and from which country")
class AuditApiController {

	private final AuditLog log;

	AuditApiController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "The audit log, newest first; filter by days (from/to, YYYY-MM-DD), action code and actor text")
	AuditPage list(Tenant tenant,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String actor,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		tenant.require(Role.ADMIN);
		if (page < 0 || size < 1 || size > 200) {
			throw Problem.invalid(page < 0 ? "page" : "size", page < 0 ? "Pages start at 0." : "Use a size from 1 to 200.");
		}
		return this.log.page(tenant.workspace(), new AuditFilter(action, actor, Days.start(from), Days.end(to)), page, size);
	}

}
