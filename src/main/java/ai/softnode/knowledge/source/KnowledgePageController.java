package ai.softnode.knowledge.source;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.bots.BotManagement;
import ai.softnode.platform.BotTab;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Knowledge tab of a bot's page: its sources with their state, and forms to add text, Q&A
 * pairs, a CSV of pairs, files and websites. Agents see it; admins and owners change it.
 */
@Controller
class KnowledgePageController {

	private static final int SHOWN = 200;

	private final SourceManagement management;

	private final BotManagement bots;

	private final List<BotTab> tabs;

	KnowledgePageController(SourceManagement management, BotManagement bots, List<BotTab> tabs) {
		this.management = management;
		this.bots = bots;
		this.tabs = tabs.stream().sorted(Comparator.comparingInt(BotTab::order)).toList();
	}

	@GetMapping("/app/bots/{botId}/knowledge")
	String page(Tenant tenant, @PathVariable UUID botId, Model model) {
		var bot = this.bots.get(tenant, botId);
		model.addAttribute("bot", bot);
		model.addAttribute("tabs", this.tabs);
		model.addAttribute("canEdit", tenant.can(Role.ADMIN));
		model.addAttribute("limit", this.management.characterLimit());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
			model.addAttribute("form", "");
			model.addAttribute("values", Map.of());
		}
		addList(tenant, botId, model);
		return "knowledge/sources";
	}

	/** The list alone, for htmx to refresh while something is being processed. */
	@GetMapping("/app/bots/{botId}/knowledge/list")
	String list(Tenant tenant, @PathVariable UUID botId, Model model) {
		model.addAttribute("bot", this.bots.get(tenant, botId));
		model.addAttribute("canEdit", tenant.can(Role.ADMIN));
		model.addAttribute("limit", this.management.characterLimit());
		addList(tenant, botId, model);
		return "knowledge/sources :: list";
	}

	@PostMapping("/app/bots/{botId}/knowledge/text")
	String addText(Tenant tenant, @PathVariable UUID botId, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String content, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return act(tenant, botId, "text", values("title", title, "content", content), model, response, redirect,
				() -> this.management.addText(tenant, botId, title, content), "Text added; it is being processed.");
	}

	@PostMapping("/app/bots/{botId}/knowledge/qa")
	String addQa(Tenant tenant, @PathVariable UUID botId, @RequestParam(defaultValue = "") String question,
			@RequestParam(defaultValue = "") String answer, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return act(tenant, botId, "qa", values("question", question, "answer", answer), model, response, redirect,
				() -> this.management.addQa(tenant, botId, question, answer), "Q&A pair added; it is being processed.");
	}

	@PostMapping("/app/bots/{botId}/knowledge/csv")
	String addCsv(Tenant tenant, @PathVariable UUID botId, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return act(tenant, botId, "csv", Map.of(), model, response, redirect,
				() -> this.management.addQaCsv(tenant, botId, nameOf(file), bytesOf(file)), "Q&A pairs imported; they are being processed.");
	}

	@PostMapping("/app/bots/{botId}/knowledge/file")
	String addFile(Tenant tenant, @PathVariable UUID botId, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return act(tenant, botId, "file", Map.of(), model, response, redirect,
				() -> this.management.addFile(tenant, botId, nameOf(file), bytesOf(file)), "File uploaded; it is being processed.");
	}

	@PostMapping("/app/bots/{botId}/knowledge/url")
	String addWebsite(Tenant tenant, @PathVariable UUID botId, @RequestParam(defaultValue = "") String url,
			@RequestParam(defaultValue = "") String maxPages, @RequestParam(defaultValue = "weekly") String schedule, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return act(tenant, botId, "url", values("url", url, "maxPages", maxPages, "schedule", schedule), model, response, redirect,
				() -> this.management.addWebsite(tenant, botId, url, pages(maxPages), schedule),
				"Website added; it is being crawled.");
	}

	@PostMapping("/app/bots/{botId}/knowledge/{sourceId}/sync")
	String sync(Tenant tenant, @PathVariable UUID botId, @PathVariable UUID sourceId, RedirectAttributes redirect) {
		var source = this.management.sync(tenant, botId, sourceId);
		redirect.addFlashAttribute("notice", "“" + source.title() + "” is being synced again.");
		return "redirect:/app/bots/" + botId + "/knowledge";
	}

	@PostMapping("/app/bots/{botId}/knowledge/{sourceId}/delete")
	String delete(Tenant tenant, @PathVariable UUID botId, @PathVariable UUID sourceId, RedirectAttributes redirect) {
		var source = this.management.get(tenant, botId, sourceId);
		this.management.delete(tenant, botId, sourceId);
		redirect.addFlashAttribute("notice", "“" + source.title() + "” was deleted; the bot no longer uses it.");
		return "redirect:/app/bots/" + botId + "/knowledge";
	}

	private String act(Tenant tenant, UUID botId, String form, Map<String, String> values, Model model,
			HttpServletResponse response, RedirectAttributes redirect, Action action, String notice) {
		tenant.require(Role.ADMIN);
		this.bots.get(tenant, botId);
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
			return "redirect:/app/bots/" + botId + "/knowledge";
		}
		catch (Problem problem) {
			if (problem.status() == HttpStatus.FORBIDDEN || problem.status() == HttpStatus.NOT_FOUND) {
				throw problem;
			}
			var errors = new LinkedHashMap<String, String>();
			if (problem.violations().isEmpty()) {
				errors.put("_form", problem.getMessage());
			}
			for (var violation : problem.violations()) {
				errors.merge(violation.field(), violation.message(), (a, b) -> a + " " + b);
			}
			model.addAttribute("errors", errors);
			model.addAttribute("form", form);
			model.addAttribute("values", values);
			response.setStatus(problem.status().value());
			return page(tenant, botId, model);
		}
	}

	private void addList(Tenant tenant, UUID botId, Model model) {
		var page = this.management.list(tenant, botId, 0, SHOWN);
		model.addAttribute("sources", page.items());
		model.addAttribute("total", page.total());
		model.addAttribute("busy", page.items().stream().anyMatch(Source::busy));
		model.addAttribute("characters", this.management.characters(tenant, botId));
	}

	private static Map<String, String> values(String... pairs) {
		var map = new LinkedHashMap<String, String>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static @Nullable Integer pages(String text) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			throw Problem.invalid("maxPages", "Enter a whole number.");
		}
	}

	private static byte[] bytesOf(@Nullable MultipartFile file) {
		if (file == null || file.isEmpty()) {
			throw Problem.invalid("file", "Choose a file to upload.");
		}
		return SourcesApiController.read(file);
	}

	private static @Nullable String nameOf(@Nullable MultipartFile file) {
		return file == null ? null : file.getOriginalFilename();
	}

	@FunctionalInterface
	private interface Action {

		void run();

	}

}
