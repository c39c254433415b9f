package ai.softnode.bots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BotManagementTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"example.com                        | example.com",
			"  Example.COM                      | example.com",
			"https://Shop.Example.com/path      | shop.example.com",
			"http://example.com/?utm=1          | example.com",
			"example.com?utm=1                  | example.com",
			"example.com#top                    | example.com",
			"example.com.                       | example.com",
			"*.example.com                      | *.example.com",
			"https://*.Example.com/             | *.example.com",
			"localhost:8080                     | localhost:8080",
			"http://127.0.0.1:3000/page         | 127.0.0.1:3000",
			"bücher.de                          | xn--bcher-kva.de",
			"*.bücher.de                        | *.xn--bcher-kva.de",
			"my-shop.co.uk                      | my-shop.co.uk" })
	void normalizesDomainsToLowerCaseAsciiHosts(String entry, String expected) {
		assertThat(BotManagement.normalizeDomain(entry)).isEqualTo(expected);
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "   ", "http://exa mple", "exa mple.com", "exa_mple.com", "-example.com", "example-.com",
			"user@example.com", "*", "*.com", "*example.com", "example.*.com", "example.com:0", "example.com:65536",
			"example.com:99999", "example.com:", "example.com:http", "[::1]", "javascript:alert(1)", "exa..mple.com" })
	void rejectsWhatIsNoDomain(String entry) {
		assertThat(BotManagement.normalizeDomain(entry)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com:1", "example.com:443", "example.com:65535" })
	void keepsPortsInRange(String entry) {
		assertThat(BotManagement.normalizeDomain(entry)).isEqualTo(entry);
	}

	@org.junit.jupiter.api.Test
	void rejectsHostsLongerThanDnsAllows() {
		var label = "a".repeat(63);
		var longest = String.join(".", label, label, label, "a".repeat(61));
		assertThat(BotManagement.normalizeDomain(longest)).isEqualTo(longest);
		assertThat(BotManagement.normalizeDomain("b" + longest)).isNull();
		assertThat(BotManagement.normalizeDomain("a".repeat(64) + ".com")).isNull();
	}

}
