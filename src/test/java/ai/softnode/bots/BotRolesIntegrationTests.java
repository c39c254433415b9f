package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;

@IntegrationTest
class BotRolesIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void agentSeesBotsButCannotCreateChangeOrDeleteThem() {
		var owner = this.support.signUp("Role Owner");
		var bot = BotPages.create(owner.session(), "Front Desk");
		var agent = joinAsAgent(owner, this.support.signUp("Role Agent"));
		var before = BotPages.row(this.support, bot);

		var home = agent.session().get("/app");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Front Desk").doesNotContain("href=\"/app/bots/new\"");
		var list = agent.session().get("/app/bots");
		assertThat(list.body()).contains("id=\"bot-" + bot + "\"").doesNotContain("New bot");
		var overview = agent.session().get("/app/bots/" + bot);
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("id=\"embed-snippet\"").doesNotContain("Delete bot").doesNotContain("Change settings");
		var settings = agent.session().get("/app/bots/" + bot + "/settings");
		assertThat(settings.statusCode()).isEqualTo(200);
		assertThat(settings.body()).contains("only an admin or the owner can change them", "disabled=\"disabled\"")
			.doesNotContain("Save settings");

		assertThat(agent.session().get("/app/bots/new").statusCode()).isEqualTo(403);
		var create = agent.session().post("/app/bots", "name", "Sneaky", "model", "default", "instructions", "x");
		assertThat(create.statusCode()).isEqualTo(403);
		assertThat(create.body()).contains("Access denied");
		var form = BotPages.settingsForm("Renamed by agent");
		var change = BotPages.saveSettings(agent.session(), bot, form);
		assertThat(change.statusCode()).isEqualTo(403);
		form.put("name", List.of(""));
		assertThat(BotPages.saveSettings(agent.session(), bot, form).statusCode()).as("403 before validation").isEqualTo(403);
		assertThat(agent.session().post("/app/bots/" + bot + "/delete").statusCode()).isEqualTo(403);

		assertThat(BotPages.count(this.support, owner.workspaceId())).isEqualTo(1);
		assertThat(BotPages.row(this.support, bot)).isEqualTo(before);
	}

	@Test
	void agentOfEmptyWorkspaceSeesNoCreateButton() {
		var owner = this.support.signUp("Empty Role Owner");
		var agent = joinAsAgent(owner, this.support.signUp("Empty Role Agent"));
		var home = agent.session().get("/app");
		assertThat(home.body()).contains("No bots yet", "An admin or the owner of this workspace can create one.")
			.doesNotContain("Create your first bot");
	}

	/** The owner invites the user as an agent and the user accepts from the mailed link. */
	private User joinAsAgent(User owner, User invitee) {
		var invite = owner.session().post("/app/settings/members/invite", "email", invitee.email(), "role", "AGENT");
		assertThat(invite.statusCode()).as(invite.body()).isEqualTo(302);
		var link = TestSupport.linkPath(this.support.awaitMail(invitee.email(), "invitation"));
		var accepted = invitee.session().post(link);
		assertThat(accepted.statusCode()).isEqualTo(302);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_member WHERE workspace_id = ? AND user_id = ? AND role = 'AGENT'",
				owner.workspaceId(), invitee.id())).isEqualTo(1);
		return invitee;
	}

}
