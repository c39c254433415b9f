package ai.softnode.visitors;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;

/**
 * Looks up the location of a client address in an {@code .mmdb} database. By default the bundled
 * country database (geo-whois-asn-country, CC BY 4.0, NRO) read with the generic reader; a MaxMind
 * GeoIP2/GeoLite2 file set in {@code softnode.geoip.database} is read with the typed reader, which
 * also gives region and city for City databases.
 */
@Component
class GeoIp implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GeoIp.class);

	static final String BUNDLED = "geoip/geo-whois-asn-country.mmdb";

	private final @Nullable Reader generic;

	private final @Nullable DatabaseReader typed;

	private final boolean city;

	GeoIp(@Value("${softnode.geoip.database:}") String database) throws IOException {
		if (database.isBlank()) {
			try (InputStream in = new ClassPathResource(BUNDLED).getInputStream()) {
				this.generic = new Reader(in);
			}
			this.typed = null;
			this.city = false;
			return;
		}
		var file = Path.of(database);
		if (!Files.isReadable(file)) {
			throw new IllegalStateException("softnode.geoip.database: cannot read " + file.toAbsolutePath());
		}
		String type;
		try (var probe = new Reader(file.toFile())) {
			type = probe.getMetadata().getDatabaseType();
		}
		if (type.startsWith("GeoIP2") || type.startsWith("GeoLite2")) {
			this.typed = new DatabaseReader.Builder(file.toFile()).build();
			this.generic = null;
			this.city = type.contains("City");
		}
		else {
			this.generic = new Reader(file.toFile());
			this.typed = null;
			this.city = false;
		}
		log.info("Location database {} ({})", file, type);
	}

	/** The location of {@code address}, or {@link Location#UNKNOWN} for private, malformed or unlisted addresses. */
	Location locate(@Nullable String address) {
		if (address == null || !isLiteral(address)) {
			return Location.UNKNOWN;
		}
		try {
			var ip = InetAddress.getByName(address);
			if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()) {
				return Location.UNKNOWN;
			}
			if (this.typed != null) {
				if (this.city) {
					return this.typed.tryCity(ip)
						.map(r -> new Location(country(r.getCountry().getIsoCode()), clip(r.getMostSpecificSubdivision().getName()),
								clip(r.getCity().getName())))
						.orElse(Location.UNKNOWN);
				}
				return this.typed.tryCountry(ip).map(r -> new Location(country(r.getCountry().getIsoCode()), null, null))
					.orElse(Location.UNKNOWN);
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> record = this.generic.get(ip, Map.class);
			if (record == null) {
				return Location.UNKNOWN;
			}
			var code = record.get("country_code");
			if (code == null && record.get("country") instanceof Map<?, ?> country) {
				code = country.get("iso_code");
			}
			return new Location(country(code == null ? null : code.toString()), null, null);
		}
		catch (IOException | com.maxmind.geoip2.exception.GeoIp2Exception | RuntimeException ex) {
			log.debug("No location for an address: {}", ex.toString());
			return Location.UNKNOWN;
		}
	}

	private static boolean isLiteral(String text) {
		return !text.isEmpty() && text.length() <= 45 && text.matches("[0-9a-fA-F:.]+");
	}

	private static @Nullable String country(@Nullable String code) {
		return code != null && code.matches("[A-Za-z]{2}") ? code.toUpperCase(Locale.ROOT) : null;
	}

	private static @Nullable String clip(@Nullable String text) {
		return text == null ? null : text.length() > 100 ? text.substring(0, 100) : text;
	}

	@Override
	public void close() throws IOException {
		if (this.generic != null) {
			this.generic.close();
		}
		if (this.typed != null) {
			this.typed.close();
		}
	}

}
