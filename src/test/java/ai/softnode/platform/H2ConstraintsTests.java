package ai.softnode.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ai.softnode.support.IntegrationTest;

/** H2 2.4 fails evaluating IN-list CHECK constraints under concurrent inserts: none may remain on H2. */
@IntegrationTest
class H2ConstraintsTests {

	@Autowired
	DataSource dataSource;

	@Test
	void noInListCheckConstraintsOnH2() throws SQLException {
		try (var connection = this.dataSource.getConnection()) {
			assumeTrue("H2".equals(connection.getMetaData().getDatabaseProductName()), "PostgreSQL keeps its checks");
			try (var statement = connection.createStatement(); var rows = statement.executeQuery("""
					SELECT cc.CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc
					WHERE cc.CONSTRAINT_SCHEMA = CURRENT_SCHEMA""")) {
				int checks = 0;
				while (rows.next()) {
					checks++;
					assertThat(rows.getString(1)).doesNotContainPattern("(?i)\\bIN\\s*\\(");
				}
				assertThat(checks).as("other checks (e.g. retention BETWEEN 1 AND 3650) stay").isPositive();
			}
		}
	}

}
