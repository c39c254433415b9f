package ai.softnode.privacy;

import org.springframework.stereotype.Component;

import ai.softnode.platform.Tenant;
import ai.softnode.privacy.spi.AccountDirectory;

/** How audit entries name who acted: the user's email, or the API key. */
@Component
class Actors {

	private final AccountDirectory directory;

	Actors(AccountDirectory directory) {
		this.directory = directory;
	}

	String of(Tenant tenant) {
		if (tenant.viaApiKey()) {
			return "API key " + tenant.apiKeyId();
		}
		return this.directory.email(tenant.userId()).orElse("user " + tenant.userId());
	}

}
