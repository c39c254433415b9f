package ai.softnode.visitors;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.bots.BotManagement;
import ai.softnode.platform.Days;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** A bot's leads over the JSON API, or as CSV with {@code Accept: text/csv}. */
@RestController
@RequestMapping("/api/v1/bots/{id}/leads")
@Tag(name = "Leads", description = "Contact details visitors left through the widget")
class LeadsApiController {

	private final LeadManagement leads;

	private final BotManagement bots;

	LeadsApiController(LeadManagement leads, BotManagement bots) {
		this.leads = leads;
		this.bots = bots;
	}

	@GetMapping(produces = "application/json")
	@Operation(summary = "A bot's leads, newest first; filter by days (from/to, YYYY-MM-DD) and text (q)")
	LeadPage list(Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > 100) {
			throw Problem.invalid(page < 0 ? "page" : "size", page < 0 ? "Pages start at 0." : "Use a size from 1 to 100.");
		}
		this.bots.get(tenant, id);
		return this.leads.list(tenant, id, Days.start(from), Days.end(to), q, page, size);
	}

	@GetMapping(produces = "text/csv")
	@Operation(summary = "All of a bot's leads as CSV (cells that look like formulas are prefixed with ')")
	void csv(Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String q, HttpServletResponse response) throws IOException {
		this.bots.get(tenant, id);
		export(this.leads, tenant, id, Days.start(from), Days.end(to), q, response);
	}

	/** Streams every matching lead as CSV, a page at a time, so memory stays bounded. */
	static void export(LeadManagement leads, Tenant tenant, @Nullable UUID botId, @Nullable OffsetDateTime from,
			@Nullable OffsetDateTime to, @Nullable String q, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"leads.csv\"");
		response.setHeader("Cache-Control", "no-store");
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		var printer = LeadCsv.open(writer);
		for (int page = 0;; page++) {
			var chunk = leads.list(tenant, botId, from, to, q, page, 500);
			chunk.items().forEach(lead -> LeadCsv.print(printer, lead));
			if (chunk.items().size() < 500) {
				break;
			}
		}
		printer.flush();
	}



}
