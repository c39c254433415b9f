package ai.softnode.platform.web;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import ai.softnode.platform.Tenant;

/** An API request authenticated by a workspace API key. */
final class TenantAuthentication extends AbstractAuthenticationToken {

	private final Tenant tenant;

	TenantAuthentication(Tenant tenant) {
		super(List.of(new SimpleGrantedAuthority("ROLE_API")));
		this.tenant = tenant;
		setAuthenticated(true);
	}

	Tenant tenant() {
		return this.tenant;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.tenant.userId().toString();
	}

}
