package ai.softnode.accounts;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import ai.softnode.platform.Emails;

/**
 * Looks users up by email for form login. The principal's name is the user's id, so sessions stay
 * attached to the person when they change their address.
 */
@Component
class AccountUserDetails implements UserDetailsService {

	private final Users users;

	AccountUserDetails(Users users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		var user = this.users.byEmail(Emails.normalize(email))
			.orElseThrow(() -> new UsernameNotFoundException("unknown"));
		return User.withUsername(user.id().toString())
			.password(user.passwordHash())
			.authorities(List.of(new SimpleGrantedAuthority("ROLE_USER")))
			.build();
	}

}
