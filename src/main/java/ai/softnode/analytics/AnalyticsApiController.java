package ai.softnode.analytics;

import java.io.IOException;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ai.softnode.platform.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** A bot's analytics over the JSON API, or its daily figures as CSV with {@code Accept: text/csv}. */
@RestController
@Tag(name = "Analytics", description = "Anonymous daily figures per bot")
class AnalyticsApiController {

	private final AnalyticsReports reports;

	AnalyticsApiController(AnalyticsReports reports) {
		this.reports = reports;
	}

	@GetMapping(path = "/api/v1/bots/{id}/analytics", produces = "application/json")
	@Operation(summary = "A bot's figures between two UTC days (from/to as YYYY-MM-DD, both included; default the last 30 days)")
	Analytics get(Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return this.reports.report(tenant, id, this.reports.range(from, to));
	}

	@GetMapping(path = "/api/v1/bots/{id}/analytics", produces = "text/csv")
	@Operation(summary = "A bot's figures as CSV: report=days (default, one row per day), questions or unanswered (one row per cluster of alike questions)")
	void csv(Tenant tenant, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String report, HttpServletResponse response) throws IOException {
		AnalyticsCsv.write(this.reports.report(tenant, id, this.reports.range(from, to)), report, response);
	}

}
