package ai.softnode.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpTests {

	private final ClientIp clientIp = new ClientIp(new SoftnodeProperties(URI.create("http://localhost"), Path.of("data"),
			List.of("10.0.0.0/8", "127.0.0.1"), List.of()));

	@Test
	void believesForwardedForOnlyFromTrustedProxies() {
		var viaProxy = request("10.1.2.3", "81.2.69.160");
		assertThat(this.clientIp.of(viaProxy)).isEqualTo("81.2.69.160");
		var spoofed = request("198.51.100.9", "81.2.69.160");
		assertThat(this.clientIp.of(spoofed)).isEqualTo("198.51.100.9");
	}

	@Test
	void walksBackOnlyThroughTrustedHops() {
		assertThat(this.clientIp.of(request("10.1.2.3", "6.6.6.6, 81.2.69.160, 10.9.9.9"))).isEqualTo("81.2.69.160");
		assertThat(this.clientIp.of(request("10.1.2.3", "not-an-ip"))).isEqualTo("10.1.2.3");
	}

	private static MockHttpServletRequest request(String remote, String forwarded) {
		var request = new MockHttpServletRequest();
		request.setRemoteAddr(remote);
		request.addHeader("X-Forwarded-For", forwarded);
		return request;
	}

}
