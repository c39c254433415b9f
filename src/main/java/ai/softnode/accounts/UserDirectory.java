package ai.softnode.accounts;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Every user of the installation, a page at a time, for installation-wide notices (policy changes). */
@Service
public class UserDirectory {

	private final JdbcClient jdbc;

	UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Up to {@code size} users ordered by id, starting after {@code after} ({@code null}: from the first). */
	public List<UserAccount> page(@Nullable UUID after, int size) {
		var sql = after == null ? "SELECT * FROM accounts_user ORDER BY id FETCH FIRST :size ROWS ONLY"
				: "SELECT * FROM accounts_user WHERE id > :after ORDER BY id FETCH FIRST :size ROWS ONLY";
		var spec = this.jdbc.sql(sql).param("size", size);
		if (after != null) {
			spec = spec.param("after", after);
		}
		return spec.query(Users.MAPPER).list().stream().map(Users.User::view).toList();
	}

}
