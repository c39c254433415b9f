package ai.softnode.analytics;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.bots.BotManagement;
import ai.softnode.knowledge.QaAnswers;
import ai.softnode.platform.BotTab;
import ai.softnode.platform.NavItem;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The analytics dashboard of a bot or the whole workspace, with "add an answer" for unanswered questions. */
@Controller
class AnalyticsController {

	private final AnalyticsReports reports;

	private final BotManagement bots;

	private final QaAnswers answers;

	private final JsonMapper json;

	AnalyticsController(AnalyticsReports reports, BotManagement bots, QaAnswers answers, JsonMapper json) {
		this.reports = reports;
		this.bots = bots;
		this.answers = answers;
		this.json = json;
	}

	@GetMapping("/app/analytics")
	String show(Tenant tenant, @RequestParam(name = "bot", required = false) @Nullable UUID botId,
			@RequestParam(name = "days", required = false) @Nullable Integer days,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, Model model) {
		var range = range(days, from, to);
		var analytics = this.reports.report(tenant, botId, range);
		var chart = new LinkedHashMap<String, Object>();
		chart.put("labels", analytics.byDay().stream().map(d -> d.date().toString()).toList());
		chart.put("conversations", analytics.byDay().stream().map(Analytics.Day::conversations).toList());
		chart.put("leads", analytics.byDay().stream().map(Analytics.Day::leads).toList());
		model.addAttribute("analytics", analytics);
		model.addAttribute("chart", this.json.writeValueAsString(chart));
		model.addAttribute("bots", this.bots.list(tenant));
		model.addAttribute("bot", botId);
		model.addAttribute("days", from == null && to == null ? (days == null ? 30 : days) : null);
		model.addAttribute("canAnswer", botId != null && tenant.can(Role.ADMIN));
		return "analytics/dashboard";
	}

	@GetMapping("/app/analytics.csv")
	void csv(Tenant tenant, @RequestParam(name = "bot", required = false) @Nullable UUID botId,
			@RequestParam(name = "days", required = false) @Nullable Integer days,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String report, HttpServletResponse response) throws IOException {
		AnalyticsCsv.write(this.reports.report(tenant, botId, range(days, from, to)), report, response);
	}

	@GetMapping("/app/bots/{id}/analytics")
	String ofBot(Tenant tenant, @PathVariable UUID id) {
		this.bots.get(tenant, id);
		return "redirect:/app/analytics?bot=" + id;
	}

	@PostMapping("/app/analytics/answers")
	String addAnswer(Tenant tenant, @RequestParam("bot") UUID botId, @RequestParam(defaultValue = "") String question,
			@RequestParam(defaultValue = "") String answer, RedirectAttributes redirect) {
		try {
			this.answers.addAnswer(tenant, botId, question, answer);
			redirect.addFlashAttribute("notice", "The answer has been added to the bot's knowledge; it is used as soon as it is processed.");
		}
		catch (Problem problem) {
			if (problem.violations().isEmpty()) {
				throw problem;
			}
			redirect.addFlashAttribute("alert", String.join(" ", problem.violations().stream().map(Problem.Violation::message).toList()));
		}
		return "redirect:/app/analytics?bot=" + botId;
	}

	private AnalyticsReports.Range range(@Nullable Integer days, @Nullable LocalDate from, @Nullable LocalDate to) {
		if (from != null || to != null) {
			return this.reports.range(from, to);
		}
		var n = days == null ? 30 : days;
		if (n != 7 && n != 30 && n != 90 && n != 365) {
			throw Problem.invalid("days", "Choose 7, 30, 90 or 365 days, or a custom range.");
		}
		return this.reports.lastDays(n);
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavItem analyticsNavigation() {
			return new NavItem("Analytics", "/app/analytics", 40);
		}

		@Bean
		BotTab analyticsTab() {
			return new BotTab("Analytics", "analytics", 40);
		}

	}

}
