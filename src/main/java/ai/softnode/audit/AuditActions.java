package ai.softnode.audit;

import java.util.Map;

/** Readable names of the action codes modules publish; codes not listed here are shown as they are. */
final class AuditActions {

	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("auth.sign_in", "Signed in"),
			Map.entry("auth.sign_in_failed", "Failed sign-in"), Map.entry("api_key.created", "API key created"),
			Map.entry("api_key.revoked", "API key revoked"), Map.entry("member.invited", "Member invited"),
			Map.entry("member.joined", "Invitation accepted"), Map.entry("member.role_changed", "Role changed"),
			Map.entry("member.removed", "Member removed"), Map.entry("bot.created", "Bot created"),
			Map.entry("bot.updated", "Bot settings changed"), Map.entry("bot.deleted", "Bot deleted"));

	private AuditActions() {
	}

	static String label(String action) {
		return LABELS.getOrDefault(action, action);
	}

}
