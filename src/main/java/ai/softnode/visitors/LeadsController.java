package ai.softnode.visitors;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.bots.Bot;
import ai.softnode.bots.BotManagement;
import ai.softnode.platform.Days;
import ai.softnode.platform.BotTab;
import ai.softnode.platform.Forms;
import ai.softnode.platform.NavItem;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.workspaces.Member;
import ai.softnode.workspaces.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;

/** Leads in the dashboard: a searchable list, each lead with its conversation, correction and deletion. */
@Controller
class LeadsController {

	private final LeadManagement leads;

	private final BotManagement bots;

	private final WorkspaceManagement workspaces;

	LeadsController(LeadManagement leads, BotManagement bots, WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
		this.leads = leads;
		this.bots = bots;
	}

	@GetMapping("/app/leads")
	String list(Tenant tenant, @RequestParam(name = "bot", required = false) @Nullable UUID botId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page, Model model) {
		var bots = this.bots.list(tenant);
		model.addAttribute("page", this.leads.list(tenant, botId, Days.start(from), Days.end(to), q,
				Math.max(page, 0), 25));
		model.addAttribute("bots", bots);
		model.addAttribute("botNames", bots.stream().collect(Collectors.toMap(Bot::id, Bot::name, (a, b) -> a)));
		model.addAttribute("bot", botId);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("q", q);
		return "visitors/leads";
	}

	@GetMapping("/app/leads.csv")
	void csv(Tenant tenant, @RequestParam(name = "bot", required = false) @Nullable UUID botId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String q, HttpServletResponse response) throws IOException {
		LeadsApiController.export(this.leads, tenant, botId, Days.start(from), Days.end(to), q, response);
	}

	@GetMapping("/app/leads/{id}")
	String show(Tenant tenant, @PathVariable UUID id, Model model) {
		var lead = this.leads.get(tenant, id);
		model.addAttribute("form", new LeadForm(lead.name(), lead.email(), lead.phone(), lead.company(), lead.answer(), null));
		return page(tenant, lead, model);
	}

	@PostMapping("/app/leads/{id}")
	String correct(Tenant tenant, @PathVariable UUID id, @ModelAttribute("form") LeadForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var lead = this.leads.get(tenant, id);
		try {
			this.leads.correct(tenant, id, form);
			redirect.addFlashAttribute("notice", "The lead has been corrected.");
			return "redirect:/app/leads/" + id;
		}
		catch (Problem problem) {
			rejectOrRethrow(errors, problem);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return page(tenant, lead, model);
	}

	@PostMapping("/app/leads/{id}/delete")
	String delete(Tenant tenant, @PathVariable UUID id, RedirectAttributes redirect) {
		this.leads.delete(tenant, id);
		redirect.addFlashAttribute("notice", "The lead has been deleted.");
		return "redirect:/app/leads";
	}

	@GetMapping("/app/bots/{id}/leads")
	String settings(Tenant tenant, @PathVariable UUID id, Model model) {
		var bot = this.bots.get(tenant, id);
		var settings = this.leads.settings(bot);
		model.addAttribute("form", new SettingsForm(settings.consentText(), settings.privacyUrl(), new ArrayList<>(settings.recipients())));
		return settingsPage(tenant, bot, model);
	}

	@PostMapping("/app/bots/{id}/leads")
	String configure(Tenant tenant, @PathVariable UUID id, @ModelAttribute("form") SettingsForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		var bot = this.bots.get(tenant, id);
		try {
			var members = this.workspaces.members(tenant).stream().map(Member::userId).collect(Collectors.toSet());
			this.leads.configure(tenant, bot, form.consentText(), form.privacyUrl(), form.notifyMembers() == null ? List.of() : form.notifyMembers(), members);
			redirect.addFlashAttribute("notice", "Lead form settings saved.");
			return "redirect:/app/bots/" + id + "/leads";
		}
		catch (Problem problem) {
			rejectOrRethrow(errors, problem);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return settingsPage(tenant, bot, model);
	}

	private String settingsPage(Tenant tenant, Bot bot, Model model) {
		model.addAttribute("bot", bot);
		model.addAttribute("members", this.workspaces.members(tenant));
		model.addAttribute("canEdit", tenant.can(Role.ADMIN));
		return "visitors/settings";
	}

	/** The lead form settings as the dashboard form posts them. */
	record SettingsForm(@Nullable String consentText, @Nullable String privacyUrl, @Nullable List<UUID> notifyMembers) {
	}

	/** Field problems go next to their fields; anything else is handled as an error page. */
	private static void rejectOrRethrow(BindingResult errors, Problem problem) {
		if (problem.violations().isEmpty()) {
			throw problem;
		}
		Forms.reject(errors, problem);
	}

	private String page(Tenant tenant, Lead lead, Model model) {
		model.addAttribute("lead", lead);
		model.addAttribute("botName", this.bots.find(tenant.workspace(), lead.botId()).map(Bot::name).orElse("Deleted bot"));
		model.addAttribute("canEdit", tenant.can(Role.AGENT));
		model.addAttribute("canDelete", tenant.can(Role.ADMIN));
		return "visitors/lead";
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavItem leadsNavigation() {
			return new NavItem("Leads", "/app/leads", 30);
		}

		@Bean
		BotTab leadsTab() {
			return new BotTab("Lead form", "leads", 35);
		}

	}

}
