package ai.softnode.policies;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.platform.WorkspaceId;
import ai.softnode.privacy.spi.ExportArchive;
import ai.softnode.privacy.spi.PersonalDataHolder;
import ai.softnode.workspaces.WorkspaceManagement;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personal data of this module: users' consent choices and their history, policy acknowledgements
 * and privacy contact requests sent from a user's address. All of it belongs to a person, not to a
 * workspace: a workspace export holds the records of the workspace's owners (who request exports), and
 * erasing a workspace removes nothing here; deleting a user's account erases everything of theirs.
 */
@Component
class PoliciesPersonalData implements PersonalDataHolder {

	private final Consents consents;

	private final Policies policies;

	private final ContactRequests requests;

	private final News news;

	private final WorkspaceManagement workspaces;

	private final AccountManagement accounts;

	private final JsonMapper json;

	PoliciesPersonalData(Consents consents, Policies policies, ContactRequests requests, News news,
			WorkspaceManagement workspaces, AccountManagement accounts, JsonMapper json) {
		this.consents = consents;
		this.policies = policies;
		this.requests = requests;
		this.news = news;
		this.workspaces = workspaces;
		this.accounts = accounts;
		this.json = json;
	}

	@Override
	public String name() {
		return "policies";
	}

	@Override
	public void exportWorkspace(WorkspaceId workspace, ExportArchive archive) throws IOException {
		var people = this.workspaces.ownerEmails(workspace).stream()
			.flatMap(email -> this.accounts.findByEmail(email).stream())
			.map(user -> person(user.id(), user.email()))
			.toList();
		var bytes = this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(people);
		archive.add("policies/people.json",
				"Per owner of the workspace: consent choices for optional processing with every change and its time, "
						+ "acknowledged policy versions, and messages sent through the privacy contact form with their answers.",
				out -> out.write(bytes));
	}

	/** Everything stored about one user. */
	Map<String, Object> person(UUID userId, String email) {
		var person = new LinkedHashMap<String, Object>();
		person.put("email", email);
		person.put("consents", this.consents.choices(userId).values().stream().map(choice -> choice(choice)).toList());
		person.put("consentHistory", this.consents.history(userId).stream().map(choice -> choice(choice)).toList());
		person.put("acknowledgedPolicies", this.policies.acknowledgements(userId).stream()
			.map(ack -> Map.of("document", ack.kind().name().toLowerCase(java.util.Locale.ROOT), "version", ack.version(),
					"acknowledgedAt", ack.at().toInstant().toString()))
			.toList());
		person.put("privacyRequests", this.requests.byEmail(email).stream().map(request -> {
			var map = new LinkedHashMap<String, Object>();
			map.put("name", request.name());
			map.put("email", request.email());
			map.put("message", request.message());
			map.put("sentAt", request.createdAt().toInstant().toString());
			if (request.answeredAt() != null) {
				map.put("answer", request.answer());
				map.put("answeredAt", request.answeredAt().toInstant().toString());
			}
			return map;
		}).toList());
		return person;
	}

	private static Map<String, Object> choice(Consents.Choice choice) {
		var map = new LinkedHashMap<String, Object>();
		map.put("purpose", choice.purpose().name().toLowerCase(java.util.Locale.ROOT));
		map.put("granted", choice.granted());
		if (choice.at() != null) {
			map.put("at", choice.at().toInstant().toString());
		}
		return map;
	}

	/** Nothing here is workspace-scoped: consents, acknowledgements and requests belong to people. */
	@Override
	public void eraseWorkspace(WorkspaceId workspace) {
	}

	@Override
	@Transactional
	public void eraseUser(UUID userId, String email) {
		this.consents.forgetUser(userId);
		this.policies.forgetUser(userId, email);
		this.requests.forgetUser(email);
		this.news.forgetOperator(email);
	}

}
