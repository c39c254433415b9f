package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: drops CHECK constraints that test a column against a list of values ({@code x IN (…)}).
 * H2 2.4 intermittently fails evaluating such constraints under concurrent inserts and then closes the
 * database; the application writes only the listed values anyway (they come from enums and validated
 * forms). PostgreSQL keeps its constraints. Later migrations must not add IN-list checks.
 */
public class V200__platform_h2_without_in_list_checks extends BaseJavaMigration {

	private static final Pattern IN_LIST = Pattern.compile("\\bIN\\s*\\(", Pattern.CASE_INSENSITIVE);

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
			return;
		}
		record Check(String table, String name) {
		}
		List<Check> checks = new ArrayList<>();
		try (var statement = connection.createStatement(); var rows = statement.executeQuery("""
				SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
				FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
				JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc
				  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
				WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = CURRENT_SCHEMA""")) {
			while (rows.next()) {
				if (IN_LIST.matcher(rows.getString(3)).find()) {
					checks.add(new Check(rows.getString(1), rows.getString(2)));
				}
			}
		}
		try (var statement = connection.createStatement()) {
			for (var check : checks) {
				statement.execute("ALTER TABLE \"" + check.table() + "\" DROP CONSTRAINT \"" + check.name() + "\"");
			}
		}
	}

}
