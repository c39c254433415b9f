package ai.softnode.policies;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * "Where your data goes", worked out from what this installation has configured rather than written
 * by hand, so the privacy page cannot promise something the settings contradict. Reads the same
 * properties the modules bind ({@code anthropic.*}, {@code stripe.*}, {@code spring.mail.*},
 * {@code softnode.geoip.database}, {@code spring.datasource.url}).
 */
@Component
class DataFlows {

	static final String ANTHROPIC_DEFAULT = "https://api.anthropic.com";

	static final String STRIPE_DEFAULT = "https://api.stripe.com";

	private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:[a-z0-9]+://([^/:;?,]+)");

	private final Environment environment;

	DataFlows(Environment environment) {
		this.environment = environment;
	}

	List<Flow> flows() {
		return of(this.environment);
	}

	static List<Flow> of(Environment env) {
		return List.of(modelProvider(env), paymentProvider(env), mailRelay(env), locationDatabase(env), database(env));
	}

	private static Flow modelProvider(Environment env) {
		if (isSet(env, "anthropic.api-key")) {
			var base = address(env.getProperty("anthropic.base-url", ""), ANTHROPIC_DEFAULT);
			return new Flow("Model provider", true, "Anthropic at " + base,
					"Receives the visitor's messages, the recent conversation and the matching knowledge passages to write each answer.");
		}
		return new Flow("Model provider", false, "No model provider; offline answerer",
				"Answers are produced on this server from the bot's own knowledge; no conversation text leaves it.");
	}

	private static Flow paymentProvider(Environment env) {
		if (isSet(env, "stripe.secret-key")) {
			var base = address(env.getProperty("stripe.api-base", ""), STRIPE_DEFAULT);
			return new Flow("Payment provider", true, "Stripe at " + base,
					"Receives the workspace's customer record and handles all card data; this server stores only Stripe's reference ids.");
		}
		return new Flow("Payment provider", false, "No payment provider; billing is off",
				"No payment data is collected or sent anywhere.");
	}

	private static Flow mailRelay(Environment env) {
		if (isSet(env, "spring.mail.host")) {
			var host = env.getProperty("spring.mail.host", "").strip();
			var port = env.getProperty("spring.mail.port", "").strip();
			return new Flow("Mail relay", true, "SMTP relay " + host + (port.isEmpty() ? "" : ":" + port),
					"Delivers account mails (confirmation, password reset, invitations), notices and answers to privacy requests.");
		}
		var dataDir = env.getProperty("softnode.data-dir", "./data");
		return new Flow("Mail relay", false, "No mail relay; mails are written to files on this server",
				"Mails are stored as files under " + Path.of(dataDir).resolve("mail") + " and in the server log; nothing is sent.");
	}

	private static Flow locationDatabase(Environment env) {
		var file = env.getProperty("softnode.geoip.database", "").strip();
		var name = file.isEmpty() ? "the bundled country database (geo-whois-asn-country, NRO, CC BY 4.0)"
				: "the location database " + Path.of(file).getFileName();
		return new Flow("Location database", false, "Looked up on this server in " + name,
				"A visitor's IP address is looked up locally to derive the country (and region and city where the database has them); the address itself is neither stored nor sent anywhere.");
	}

	private static Flow database(Environment env) {
		var url = env.getProperty("spring.datasource.url", "");
		if (url.startsWith("jdbc:h2:")) {
			return new Flow("Database", false, "Embedded database on this server",
					"All accounts, bots, knowledge, conversations and leads are stored in files of this server.");
		}
		var host = JDBC_HOST.matcher(url);
		var where = host.find() ? " at " + host.group(1) : "";
		var vendor = url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "The configured database";
		return new Flow("Database", !where.isEmpty() && !isLocal(host.group(1)), vendor + where,
				"All accounts, bots, knowledge, conversations and leads are stored there by the operator of this installation.");
	}

	private static boolean isLocal(String host) {
		return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
	}

	private static boolean isSet(Environment env, String property) {
		return !env.getProperty(property, "").isBlank();
	}

	/** The scheme, host and port of a configured address: never credentials, paths or query strings. */
	static String address(String configured, String fallback) {
		if (configured.isBlank()) {
			return fallback;
		}
		try {
			var uri = URI.create(configured.strip());
			if (uri.getHost() == null) {
				return fallback;
			}
			return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
		}
		catch (IllegalArgumentException ex) {
			return "a configured address";
		}
	}

	/**
	 * One recipient or store of data.
	 *
	 * @param role what it is for (model provider, mail relay…)
	 * @param leaves whether data leaves this server for it
	 * @param recipient who or where, as configured
	 * @param what what it receives or keeps
	 */
	record Flow(String role, boolean leaves, String recipient, String what) {
	}

}
