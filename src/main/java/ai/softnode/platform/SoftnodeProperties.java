package ai.softnode.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Installation-wide settings.
 *
 * @param baseUrl the public address of this installation; every link in a mail is built from it,
 * never from a request's {@code Host} header
 * @param dataDir where the embedded database, mail files and uploads live
 * @param trustedProxies addresses (or CIDR ranges) of reverse proxies whose {@code X-Forwarded-For}
 * is believed
 * @param adminEmails operators of this installation, who may open {@code /admin}
 */
@Validated
@ConfigurationProperties("softnode")
public record SoftnodeProperties(@DefaultValue("http://localhost:8080") @NotNull URI baseUrl,
		@DefaultValue("./data") @NotNull Path dataDir, @DefaultValue List<String> trustedProxies,
		@DefaultValue List<String> adminEmails) {

	/** An absolute link to {@code path} on this installation. */
	public String link(String path) {
		var base = this.baseUrl.toString();
		if (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return base + (path.startsWith("/") ? path : "/" + path);
	}

	public boolean isAdmin(String email) {
		return this.adminEmails.stream().anyMatch(admin -> admin.trim().equalsIgnoreCase(email));
	}

}
