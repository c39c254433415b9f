package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ai.softnode.support.IntegrationTest;
import ai.softnode.support.TestSupport;

/** A node whose database connections are all busy turns visitors away kindly, storing nothing. */
@IntegrationTest
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.connection-timeout=250" })
class OverloadIntegrationTests {

	@Autowired
	TestSupport support;

	@Autowired
	DataSource dataSource;

	@Test
	void withEveryConnectionBusyAVisitorGets503BusyWithRetryAfterAndNothingIsStored() throws Exception {
		var owner = this.support.signUp("Busy Owner");
		var publicId = this.support.createBot(owner, "{\"name\":\"Busy bot\",\"model\":\"offline\"}").path("publicId").asString();
		var conversationsBefore = this.support.count("SELECT COUNT(*) FROM chat_conversation");
		var held = new ArrayList<Connection>();
		try {
			for (int i = 0; i < 3; i++) {
				held.add(this.dataSource.getConnection());
			}
			var visitor = this.support.visitor(publicId);
			var busy = visitor.start("https://shop.example/", null);
			assertThat(busy.status()).isEqualTo(503);
			assertThat(busy.json().path("code").asString()).isEqualTo("busy");
			assertThat(busy.json().path("detail").asString()).contains("try again");
		}
		finally {
			for (var connection : held) {
				connection.close();
			}
		}
		assertThat(this.support.count("SELECT COUNT(*) FROM chat_conversation")).isEqualTo(conversationsBefore);
		var visitor = this.support.visitor(publicId);
		assertThat(visitor.start("https://shop.example/", null).status()).isEqualTo(201);
	}

}
