package ai.softnode.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import ai.softnode.billing.BillingAccounts.InvoiceLine;
import ai.softnode.bots.BotManagement;
import ai.softnode.platform.NavItem;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Tenant;
import ai.softnode.workspaces.WorkspaceManagement;

/** The billing page: plan, usage, period, invoices, upgrade and the Stripe portal. */
@Controller
class BillingController {

	private final Entitlements entitlements;

	private final BillingManagement billing;

	private final BillingAccounts accounts;

	private final BotManagement bots;

	private final WorkspaceManagement workspaces;

	private final Clock clock;

	BillingController(Entitlements entitlements, BillingManagement billing, BillingAccounts accounts, BotManagement bots,
			WorkspaceManagement workspaces, Clock clock) {
		this.entitlements = entitlements;
		this.billing = billing;
		this.accounts = accounts;
		this.bots = bots;
		this.workspaces = workspaces;
		this.clock = clock;
	}

	@GetMapping(PlanLimits.BILLING_PATH)
	String page(Tenant tenant, @RequestParam(name = "checkout", required = false) @Nullable String checkout, Model model) {
		var workspace = tenant.workspace();
		var state = this.entitlements.state(workspace);
		var plan = state.plan();
		var account = state.account();
		var now = Instant.now(this.clock);
		var messages = this.entitlements.messagesUsed(workspace, state.period());
		model.addAttribute("billingEnabled", this.entitlements.billingEnabled());
		model.addAttribute("plan", plan);
		model.addAttribute("period", state.period());
		model.addAttribute("usage", List.of(new Usage("Visitor messages this period", messages, plan.messages()),
				new Usage("Bots", this.bots.count(workspace), plan.bots()),
				new Usage("Team members", this.workspaces.members(tenant).size(), plan.members())));
		model.addAttribute("knowledgeLimit", plan.knowledgeCharacters());
		model.addAttribute("plans", this.entitlements.plans().stream().filter(Plan::paid).toList());
		model.addAttribute("owner", tenant.can(Role.OWNER));
		model.addAttribute("hasCustomer", account != null && account.customerId() != null);
		model.addAttribute("graceUntil", account != null && account.inGrace(now) ? account.graceUntil() : null);
		model.addAttribute("cancelsAt", account != null && account.cancelAtPeriodEnd() && account.paidPlanInForce(now) ? account.periodEnd() : null);
		model.addAttribute("invoices", this.entitlements.billingEnabled() ? this.accounts.invoices(workspace) : List.<InvoiceLine>of());
		model.addAttribute("quotaBanner", quotaBanner(messages, plan));
		if ("success".equals(checkout)) {
			model.addAttribute("notice", "Thank you! Your plan changes as soon as Stripe confirms the payment; this page shows it then.");
		}
		return "billing/billing";
	}

	@PostMapping(PlanLimits.BILLING_PATH + "/checkout")
	String checkout(Tenant tenant, @RequestParam(name = "plan", defaultValue = "") String plan, RedirectAttributes redirect) {
		try {
			return "redirect:" + this.billing.checkout(tenant, plan);
		}
		catch (Problem problem) {
			return back(problem, redirect);
		}
	}

	@PostMapping(PlanLimits.BILLING_PATH + "/portal")
	String portal(Tenant tenant, RedirectAttributes redirect) {
		try {
			return "redirect:" + this.billing.portal(tenant);
		}
		catch (Problem problem) {
			return back(problem, redirect);
		}
	}

	private static String back(Problem problem, RedirectAttributes redirect) {
		if (problem.code().equals("role_required")) {
			throw problem;
		}
		redirect.addFlashAttribute("alert", problem.getMessage());
		return "redirect:" + PlanLimits.BILLING_PATH;
	}

	private static @Nullable String quotaBanner(long used, Plan plan) {
		if (plan.messages() < 0) {
			return null;
		}
		if (used >= plan.messages()) {
			return "All " + plan.messages() + " visitor messages of this period are used: your bots now answer with their fallback message"
					+ " and do not call the model. Upgrade to answer more visitors.";
		}
		if (used * 100 >= plan.messages() * 80) {
			return "You have used " + used + " of " + plan.messages() + " visitor messages this period (80 % or more).";
		}
		return null;
	}

	/** One usage bar; a negative limit is unlimited. */
	record Usage(String label, long used, long limit) {

		public boolean unlimited() {
			return this.limit < 0;
		}

		public int percent() {
			return this.limit <= 0 ? (this.limit == 0 && this.used > 0 ? 100 : 0) : (int) Math.min(100, this.used * 100 / this.limit);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		NavItem billingNavItem() {
			return new NavItem("Billing", PlanLimits.BILLING_PATH, 95);
		}

	}

}
