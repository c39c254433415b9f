package ai.softnode.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;
import ai.softnode.support.TestSupport.User;

@IntegrationTest
class MembersIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void invitedAgentJoinsThroughTheMailedLinkAndHasAgentRights() {
		var owner = this.support.signUp("Team Owner");
		var agent = join(owner, "AGENT");
		var tenant = this.support.count("SELECT COUNT(*) FROM workspaces_member WHERE workspace_id = ? AND user_id = ? AND role = 'AGENT'",
				owner.workspaceId(), agent.id());
		assertThat(tenant).isEqualTo(1);
		var members = agent.session().get("/app/settings/members");
		assertThat(members.statusCode()).isEqualTo(200);
		assertThat(members.body()).contains("Team Owner").doesNotContain("Send invitation");
		assertThat(agent.session().get("/app/settings/api-keys").statusCode()).as("agents manage no keys").isEqualTo(403);
		assertThat(agent.session().post("/app/settings/api-keys", "name", "sneaky").statusCode()).isEqualTo(403);
		assertThat(agent.session().post("/app/settings/members/invite", "email", TestSupport.uniqueEmail("x"), "role", "AGENT").statusCode())
			.isEqualTo(403);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_api_key WHERE workspace_id = ?", owner.workspaceId())).isZero();
	}

	@Test
	void invitationForAnotherAddressCannotBeAccepted() {
		var owner = this.support.signUp("Strict Owner");
		var invited = TestSupport.uniqueEmail("invited");
		owner.session().post("/app/settings/members/invite", "email", invited, "role", "AGENT");
		var link = TestSupport.linkPath(this.support.awaitMail(invited, "invitation"));
		var stranger = this.support.signUp("Stranger");
		var response = stranger.session().post(link);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("This invitation is for " + invited);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_member WHERE workspace_id = ?", owner.workspaceId())).isEqualTo(1);
	}

	@Test
	void adminsCannotBeInvitedByAdminsAndTheLastOwnerStays() {
		var owner = this.support.signUp("Chief Owner");
		var admin = join(owner, "ADMIN");
		var response = admin.session().post("/app/settings/members/invite", "email", TestSupport.uniqueEmail("x"), "role", "ADMIN");
		assertThat(response.statusCode()).isEqualTo(403);
		var demote = owner.session().post("/app/settings/members/" + owner.id() + "/role", "role", "AGENT");
		assertThat(demote.statusCode()).isEqualTo(409);
		assertThat(demote.body()).contains("A workspace needs an owner");
		var removeOwner = admin.session().post("/app/settings/members/" + owner.id() + "/remove");
		assertThat(removeOwner.statusCode()).isEqualTo(403);
	}

	@Test
	void membersOfOneWorkspaceCannotTouchAnother() {
		var a = this.support.signUp("Tenant A");
		var b = this.support.signUp("Tenant B");
		assertThat(a.session().post("/app/settings/members/" + b.id() + "/remove").statusCode()).isEqualTo(404);
		assertThat(a.session().post("/app/settings/members/" + b.id() + "/role", "role", "AGENT").statusCode()).isEqualTo(404);
		var key = this.support.createApiKey(b);
		var keyId = this.support.jdbc().sql("SELECT id FROM workspaces_api_key WHERE workspace_id = :ws").param("ws", b.workspaceId())
			.query(UUID.class).single();
		assertThat(a.session().post("/app/settings/api-keys/" + keyId + "/revoke").statusCode()).isEqualTo(404);
		assertThat(this.support.api(key).get("/api/v1/me").status()).isEqualTo(200);
		var switched = a.session().post("/app/workspaces/switch", "workspaceId", b.workspaceId().toString());
		assertThat(switched.statusCode()).isEqualTo(404);
	}

	@Test
	void apiKeyIsShownOnceStoredHashedAndRevocable() {
		var owner = this.support.signUp("Key Owner");
		var key = this.support.createApiKey(owner);
		assertThat(key).startsWith("sn_").hasSize(43);
		assertThat(this.support.count("SELECT COUNT(*) FROM workspaces_api_key WHERE key_hash = ?", key)).isZero();
		var list = owner.session().get("/app/settings/api-keys");
		assertThat(list.body()).doesNotContain(key).contains(key.substring(0, 10));
		var me = this.support.api(key).get("/api/v1/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().path("workspace").path("id").asString()).isEqualTo(owner.workspaceId().toString());
		assertThat(me.json().path("role").asString()).isEqualTo("ADMIN");
		var keyId = this.support.jdbc().sql("SELECT id FROM workspaces_api_key WHERE workspace_id = :ws").param("ws", owner.workspaceId())
			.query(UUID.class).single();
		owner.session().post("/app/settings/api-keys/" + keyId + "/revoke");
		var revoked = this.support.api(key).get("/api/v1/me");
		assertThat(revoked.status()).isEqualTo(401);
		assertThat(revoked.isProblem()).isTrue();
		assertThat(revoked.code()).isEqualTo("invalid_api_key");
		var empty = owner.session().post("/app/settings/api-keys", "name", " ");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("Give the key a name");
	}

	/** Invites a new person into {@code owner}'s workspace with {@code role}; returns them signed in there. */
	private User join(User owner, String role) {
		var person = this.support.signUp("Invitee " + role);
		owner.session().post("/app/settings/members/invite", "email", person.email(), "role", role);
		var link = TestSupport.linkPath(this.support.awaitMail(person.email(), "invitation"));
		assertThat(person.session().get(link).body()).contains("Accept invitation");
		var accepted = person.session().post(link);
		assertThat(accepted.statusCode()).isEqualTo(302);
		return person;
	}

}
