package ai.softnode.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTests {

	private final AddressPolicy closed = new AddressPolicy(false);

	private final AddressPolicy intranet = new AddressPolicy(true);

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/", "http://127.0.0.1./", "http://127.1/", "http://0177.0.0.1/", "http://0x7f.0.0.1/",
			"http://0x7f000001/", "http://2130706433/", "http://017700000001/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
			"http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:127.0.0.1]/", "http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/",
			"http://[2002:7f00:1::]/", "http://10.0.0.1/", "http://10.255.255.254/", "http://172.16.0.1/", "http://192.168.1.1/",
			"http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "http://0xa9fea9fe/", "http://2852039166/",
			"http://[fd00:ec2::254]/", "http://[fc00::1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://0/", "http://[::]/",
			"http://100.64.0.1/", "http://100.100.100.200/", "http://224.0.0.1/", "http://255.255.255.255/", "http://localhost/",
			"http://localhost./", "http://LOCALHOST:8080/" })
	void refusesPrivateLoopbackLinkLocalAndMetadataAddressesInEverySpelling(String url) {
		assertThatThrownBy(() -> this.closed.resolve(AddressPolicy.checkUri(URI.create(url)))).isInstanceOf(FetchRefused.class)
			.hasMessageContaining("may not reach");
	}

	@Test
	void readsIntegerAndMixedRadixIpv4Forms() throws Exception {
		assertThat(AddressPolicy.literal("2130706433")).isEqualTo(InetAddress.getByName("127.0.0.1"));
		assertThat(AddressPolicy.literal("0x7f000001")).isEqualTo(InetAddress.getByName("127.0.0.1"));
		assertThat(AddressPolicy.literal("0x7f.1")).isEqualTo(InetAddress.getByName("127.0.0.1"));
		assertThat(AddressPolicy.literal("10.1")).isEqualTo(InetAddress.getByName("10.0.0.1"));
		assertThat(AddressPolicy.literal("example.com")).isNull();
		assertThatThrownBy(() -> AddressPolicy.literal("1.2.3.256")).isInstanceOf(FetchRefused.class);
		assertThatThrownBy(() -> AddressPolicy.literal("99999999999")).isInstanceOf(FetchRefused.class);
		assertThatThrownBy(() -> AddressPolicy.literal("1.2.3.4.5")).isInstanceOf(FetchRefused.class);
		assertThatThrownBy(() -> AddressPolicy.literal("fe80::1%25eth0")).isInstanceOf(FetchRefused.class);
	}

	@Test
	void acceptsPublicAddresses() throws Exception {
		assertThat(this.closed.resolve("93.184.215.14")).hasSize(1);
		assertThat(this.closed.resolve("2606:2800:21f:cb07:6820:80da:af6b:8b2c")).hasSize(1);
		assertThat(this.closed.refusal(InetAddress.getByName("8.8.8.8"))).isNull();
	}

	@Test
	void intranetSettingOpensPrivateRangesButNeverMetadataOrLinkLocal() throws Exception {
		assertThat(this.intranet.resolve("10.1.2.3")).hasSize(1);
		assertThat(this.intranet.resolve("127.0.0.1")).hasSize(1);
		assertThat(this.intranet.resolve("192.168.10.10")).hasSize(1);
		assertThat(this.intranet.resolve("fd12:3456::1")).hasSize(1);
		assertThatThrownBy(() -> this.intranet.resolve("169.254.169.254")).hasMessageContaining("cloud metadata");
		assertThatThrownBy(() -> this.intranet.resolve("fd00:ec2::254")).hasMessageContaining("cloud metadata");
		assertThatThrownBy(() -> this.intranet.resolve("169.254.1.1")).hasMessageContaining("link-local");
		assertThatThrownBy(() -> this.intranet.resolve("0.0.0.0")).isInstanceOf(FetchRefused.class);
	}

	@Test
	void refusesOtherSchemesCredentialsAndBadHosts() {
		assertThatThrownBy(() -> AddressPolicy.checkUri(URI.create("file:///etc/passwd"))).hasMessageContaining("Only http");
		assertThatThrownBy(() -> AddressPolicy.checkUri(URI.create("gopher://example.com/"))).hasMessageContaining("Only http");
		assertThatThrownBy(() -> AddressPolicy.checkUri(URI.create("http://user:pw@example.com/"))).hasMessageContaining("user name");
		assertThatThrownBy(() -> AddressPolicy.checkUri(URI.create("http:///path"))).hasMessageContaining("no valid host");
	}

}
