package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** Workspace A can neither see nor change workspace B's bots, by page or by API. */
@IntegrationTest
class BotIsolationIntegrationTests {

	@Autowired
	TestSupport support;

	@Test
	void anotherWorkspacesBotIsNotFoundByPageOrApiAndStaysUnchanged() {
		var a = this.support.signUp("Tenant A");
		var b = this.support.signUp("Tenant B");
		var own = BotPages.create(a.session(), "A's bot");
		var foreign = BotPages.create(b.session(), "B's bot");
		var before = BotPages.row(this.support, foreign);

		assertThat(a.session().get("/app/bots/" + foreign).statusCode()).isEqualTo(404);
		var settings = a.session().get("/app/bots/" + foreign + "/settings");
		assertThat(settings.statusCode()).isEqualTo(404);
		assertThat(settings.body()).contains("Page not found").doesNotContain("B&#39;s bot").doesNotContain("B's bot");
		assertThat(BotPages.saveSettings(a.session(), foreign, BotPages.settingsForm("Taken over")).statusCode()).isEqualTo(404);
		assertThat(a.session().post("/app/bots/" + foreign + "/delete").statusCode()).isEqualTo(404);
		assertThat(a.session().get("/app/bots").body()).contains("A&#39;s bot").doesNotContain("B&#39;s bot");
		assertThat(a.session().get("/app").body()).doesNotContain("B&#39;s bot");

		var api = this.support.api(this.support.createApiKey(a));
		for (var response : new ai.softnode.support.ApiClient.Response[] { api.get("/api/v1/bots/" + foreign),
				api.patch("/api/v1/bots/" + foreign, "{\"name\":\"Taken over\"}"), api.delete("/api/v1/bots/" + foreign) }) {
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.isProblem()).isTrue();
			assertThat(response.code()).isEqualTo("bot_not_found");
		}
		var list = api.get("/api/v1/bots").json();
		assertThat(list.path("total").asLong()).isEqualTo(1);
		assertThat(list.path("items").get(0).path("id").asString()).isEqualTo(own.toString());

		assertThat(BotPages.row(this.support, foreign)).isEqualTo(before);
		assertThat(BotPages.count(this.support, b.workspaceId())).isEqualTo(1);
	}

}
