package ai.softnode.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import ai.softnode.platform.ClientIp;
import ai.softnode.platform.SoftnodeProperties;

/** The location of a request's client with the bundled country database, trusted and untrusted proxies. */
class ClientLocationTests {

	static GeoIp geoIp;

	@BeforeAll
	static void open() throws Exception {
		geoIp = new GeoIp("");
	}

	@AfterAll
	static void close() throws Exception {
		geoIp.close();
	}

	private static ClientIp trusting(String... proxies) {
		return new ClientIp(new SoftnodeProperties(URI.create("http://localhost"), Path.of("."), List.of(proxies), List.of()));
	}

	private static MockHttpServletRequest from(String remote, String forwardedFor) {
		var request = new MockHttpServletRequest();
		request.setRemoteAddr(remote);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return request;
	}

	@Test
	void forwardedAddressFromTrustedProxyIsLocated() {
		var ip = trusting("10.0.0.0/8").of(from("10.0.0.7", "81.2.69.160"));
		assertThat(ip).isEqualTo("81.2.69.160");
		assertThat(geoIp.locate(ip).country()).isEqualTo("GB");
	}

	@Test
	void spoofedHeaderFromUntrustedClientIsIgnored() {
		var ip = trusting("10.0.0.0/8").of(from("8.8.8.8", "81.2.69.160"));
		assertThat(ip).isEqualTo("8.8.8.8");
		assertThat(geoIp.locate(ip).country()).isEqualTo("US");
	}

	@Test
	void spoofedHopBeforeTrustedProxyIsNotBelieved() {
		// the client 8.8.8.8 sent "X-Forwarded-For: 81.2.69.160"; the proxy appended what it saw
		var ip = trusting("10.0.0.0/8").of(from("10.0.0.7", "81.2.69.160, 8.8.8.8"));
		assertThat(ip).isEqualTo("8.8.8.8");
	}

}
