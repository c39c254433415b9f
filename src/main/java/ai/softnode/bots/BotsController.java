package ai.softnode.bots;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.platform.BotTab;
import ai.softnode.platform.Forms;
import ai.softnode.platform.NavItem;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletResponse;

/** The dashboard's home and bot pages: list, create, overview with the embed snippet, settings, delete. */
@Controller
class BotsController {

	/** The settings fields from top to bottom of the form. */
	private static final List<String> FORM_ORDER = Arrays.stream(BotForm.class.getRecordComponents())
		.map(RecordComponent::getName)
		.toList();

	private final BotManagement bots;

	private final List<BotTab> tabs;

	private final SoftnodeProperties properties;

	BotsController(BotManagement bots, List<BotTab> tabs, SoftnodeProperties properties) {
		this.bots = bots;
		this.tabs = tabs.stream().sorted(Comparator.comparingInt(BotTab::order)).toList();
		this.properties = properties;
	}

	@ModelAttribute("modelLabels")
	Map<String, String> modelLabels() {
		var labels = new LinkedHashMap<String, String>();
		this.bots.models().forEach(model -> labels.put(model, modelLabel(model)));
		return labels;
	}

	@GetMapping("/app")
	String home(Tenant tenant, Model model) {
		var all = this.bots.list(tenant);
		model.addAttribute("bots", all);
		model.addAttribute("canEdit", tenant.can(Role.ADMIN));
		model.addAttribute("firstBot", all.isEmpty() ? null : all.get(0));
		model.addAttribute("knowledgeTab", this.tabs.stream().filter(tab -> tab.pathSuffix().equals("knowledge")).findFirst().orElse(null));
		return "bots/home";
	}

	@GetMapping("/app/bots")
	String list(Tenant tenant, Model model) {
		model.addAttribute("bots", this.bots.list(tenant));
		model.addAttribute("canEdit", tenant.can(Role.ADMIN));
		return "bots/list";
	}

	@GetMapping("/app/bots/new")
	String newBot(Tenant tenant, Model model) {
		tenant.require(Role.ADMIN);
		if (!model.containsAttribute("form")) {
			var defaults = BotSettings.defaults("");
			model.addAttribute("form", new NewBotForm("", defaults.instructions(), defaults.model()));
		}
		return "bots/new";
	}

	@PostMapping("/app/bots")
	String create(Tenant tenant, @ModelAttribute("form") NewBotForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		tenant.require(Role.ADMIN);
		try {
			var bot = this.bots.create(tenant, form.toSettings());
			redirect.addFlashAttribute("notice", "“" + bot.name() + "” is ready. Next, give it knowledge, then paste the snippet into your website.");
			return "redirect:/app/bots/" + bot.id();
		}
		catch (Problem problem) {
			rejectOrRethrow(errors, problem);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return newBot(tenant, model);
	}

	@GetMapping("/app/bots/{id}")
	String overview(Tenant tenant, @PathVariable String id, Model model) {
		var bot = this.bots.get(tenant, id);
		addBotPage(tenant, bot, "", model);
		model.addAttribute("snippet", "<script src=\"" + this.properties.link("/widget.js") + "\" data-bot=\"" + bot.publicId()
				+ "\" async></script>");
		return "bots/overview";
	}

	@GetMapping("/app/bots/{id}/settings")
	String settings(Tenant tenant, @PathVariable String id, Model model) {
		var bot = this.bots.get(tenant, id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", BotForm.of(bot.settings()));
		}
		addBotPage(tenant, bot, "settings", model);
		model.addAttribute("leadModes", LeadCaptureMode.values());
		model.addAttribute("leadFieldOptions", BotSettings.LEAD_FIELDS);
		return "bots/settings";
	}

	@PostMapping("/app/bots/{id}/settings")
	String updateSettings(Tenant tenant, @PathVariable String id, @ModelAttribute("form") BotForm form, BindingResult errors,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		tenant.require(Role.ADMIN);
		var bot = this.bots.get(tenant, id);
		try {
			var updated = this.bots.update(tenant, bot.id(), settingsFrom(form, bot.settings()));
			redirect.addFlashAttribute("notice", "Settings of “" + updated.name() + "” saved.");
			return "redirect:/app/bots/" + bot.id() + "/settings";
		}
		catch (Problem problem) {
			rejectOrRethrow(errors, problem);
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return settings(tenant, id, model);
	}

	@PostMapping("/app/bots/{id}/delete")
	String delete(Tenant tenant, @PathVariable String id, RedirectAttributes redirect) {
		tenant.require(Role.ADMIN);
		var bot = this.bots.get(tenant, id);
		this.bots.delete(tenant, bot.id());
		redirect.addFlashAttribute("notice", "“" + bot.name() + "” has been deleted.");
		return "redirect:/app/bots";
	}

	/**
	 * Settings from the form, failing with every problem at once: fields that are not numbers and
	 * the rules {@link BotManagement} checks on the rest.
	 */
	private BotSettings settingsFrom(BotForm form, BotSettings current) {
		var conversion = form.toSettings(current);
		if (conversion.violations().isEmpty()) {
			return conversion.settings();
		}
		var violations = new ArrayList<>(conversion.violations());
		try {
			this.bots.validate(conversion.settings());
		}
		catch (Problem problem) {
			problem.violations().stream()
				.filter(v -> violations.stream().noneMatch(known -> known.field().equals(v.field())))
				.forEach(violations::add);
		}
		throw Problem.invalid(violations);
	}

	private void addBotPage(Tenant tenant, Bot bot, String activeTab, Model model) {
		model.addAttribute("bot", bot);
		model.addAttribute("tabs", this.tabs);
		model.addAttribute("activeTab", activeTab);
		model.addAttribute("canEdit", tenant.can(Role.ADMIN));
	}

	/**
	 * Puts input problems next to their fields, in the order the form shows them; anything else
	 * (403, 404) becomes its error page.
	 */
	private static void rejectOrRethrow(BindingResult errors, Problem problem) {
		if (problem.status() != HttpStatus.BAD_REQUEST) {
			throw problem;
		}
		if (problem.violations().isEmpty()) {
			Forms.reject(errors, problem);
			return;
		}
		var sorted = problem.violations().stream()
			.sorted(Comparator.comparingInt(v -> FORM_ORDER.contains(v.field()) ? FORM_ORDER.indexOf(v.field()) : FORM_ORDER.size()))
			.toList();
		Forms.reject(errors, Problem.invalid(sorted));
	}

	static String modelLabel(String model) {
		return switch (model) {
			case "default" -> "Installation default";
			case "offline" -> "Offline answerer (no AI provider)";
			default -> model;
		};
	}

	/** The short form that starts a bot; everything else begins with sensible defaults. */
	record NewBotForm(@Nullable String name, @Nullable String instructions, @Nullable String model) {

		BotSettings toSettings() {
			var d = BotSettings.defaults(text(this.name));
			return new BotSettings(d.name(), text(this.instructions), text(this.model), d.temperature(), d.greeting(),
					d.suggestedQuestions(), d.fallbackMessage(), d.accentColor(), d.position(), d.launcherLabel(), d.avatarUrl(),
					d.allowedDomains(), d.leadCapture(), d.leadAfterMessages(), d.leadFields(), d.retentionDays(),
					d.maxAnswerTokens(), d.dailyTokenBudget(), d.redactPersonalData(), d.enabled(), d.leadQuestion(),
					d.leadQuestionRequired(), d.privacyNotice(), d.privacyNoticeRequired(), d.redactStoredLog());
		}

		private static String text(@Nullable String input) {
			return input == null ? "" : input;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavItem botsNavigation() {
			return new NavItem("Bots", "/app/bots", 10);
		}

		@Bean
		BotTab botSettingsTab() {
			return new BotTab("Settings", "settings", 90);
		}

	}

}
