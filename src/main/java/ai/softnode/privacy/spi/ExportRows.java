package ai.softnode.privacy.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes query results into export files one row at a time, so holders need no code per column:
 * each row becomes a JSON object named by its (lower-cased) column labels, timestamps in ISO-8601,
 * binary columns left out. Rows are handed over by a row callback and never collected in a list.
 */
public final class ExportRows {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ExportRows() {
	}

	/** Writes every row of {@code query} as one line of JSON (JSON Lines). */
	public static void jsonLines(JdbcClient.StatementSpec query, OutputStream out) throws IOException {
		try {
			query.query((ResultSet rs) -> line(object(rs), out));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/** Writes the first row of {@code query} as one JSON object, or {@code {}} when there is none. */
	public static void jsonObject(JdbcClient.StatementSpec query, OutputStream out) throws IOException {
		var found = query.query((rs, n) -> object(rs)).optional().orElseGet(JSON::createObjectNode);
		out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(found));
		out.write('\n');
	}

	/** The current row as a JSON object. */
	public static ObjectNode object(ResultSet rs) throws SQLException {
		var node = JSON.createObjectNode();
		var meta = rs.getMetaData();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			var name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
			if ("uuid".equalsIgnoreCase(meta.getColumnTypeName(i))) {
				// H2 reports UUID columns as binary, PostgreSQL as "other"
				var uuid = rs.getObject(i, UUID.class);
				node.put(name, uuid == null ? null : uuid.toString());
				continue;
			}
			switch (meta.getColumnType(i)) {
				case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
					continue;
				}
				case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
					var at = rs.getObject(i, OffsetDateTime.class);
					node.put(name, at == null ? null : at.toInstant().toString());
				}
				case Types.BOOLEAN, Types.BIT -> {
					var value = rs.getBoolean(i);
					if (rs.wasNull()) {
						node.putNull(name);
					}
					else {
						node.put(name, value);
					}
				}
				case Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIGINT -> {
					var value = rs.getLong(i);
					if (rs.wasNull()) {
						node.putNull(name);
					}
					else {
						node.put(name, value);
					}
				}
				case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> node.put(name, rs.getBigDecimal(i));
				default -> {
					var value = rs.getObject(i);
					node.put(name, value == null ? null : value instanceof UUID uuid ? uuid.toString() : rs.getString(i));
				}
			}
		}
		return node;
	}

	/** Writes {@code node} as one line. */
	public static void line(ObjectNode node, OutputStream out) {
		try {
			out.write(JSON.writeValueAsBytes(node));
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
