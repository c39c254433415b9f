package ai.softnode.visitors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** User agents to device and browser; page and referrer to source and UTM parameters. */
class ParsingTests {

	@Test
	void deviceClassAndBrowserFromUserAgent() {
		assertThat(UserAgents.parse(VisitorsIntegrationTests.IPHONE)).isEqualTo(new UserAgents.Parsed("mobile", "Safari"));
		assertThat(UserAgents.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0"))
			.isEqualTo(new UserAgents.Parsed("desktop", "Edge"));
		assertThat(UserAgents.parse("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"))
			.isEqualTo(new UserAgents.Parsed("desktop", "Firefox"));
		assertThat(UserAgents.parse("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1").device())
			.isEqualTo("tablet");
		assertThat(UserAgents.parse("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"))
			.isEqualTo(new UserAgents.Parsed("mobile", "Chrome"));
		assertThat(UserAgents.parse("Googlebot/2.1 (+http://www.google.com/bot.html)").device()).isEqualTo("bot");
		assertThat(UserAgents.parse(null)).isEqualTo(new UserAgents.Parsed("unknown", "Other"));
	}

	@Test
	void utmParametersAndReferrerDomain() {
		var parsed = Referrals.parse("https://Shop.example/a/b?x=1&utm_source=news%20letter&UTM_MEDIUM=email&utm_campaign=may",
				"https://www.Google.com/search?q=x");
		assertThat(parsed).isEqualTo(new Referrals.Parsed("google.com", "news letter", "email", "may", "shop.example/a/b"));
	}

	@Test
	void ownSiteAndNonHttpReferrersAreNoSource() {
		assertThat(Referrals.parse("https://www.shop.example/b", "https://shop.example/a").referrerDomain()).isNull();
		assertThat(Referrals.parse("javascript:alert(1)", "file:///etc/passwd")).isEqualTo(new Referrals.Parsed(null, null, null, null, null));
		assertThat(Referrals.parse("https://shop.example/?utm_source=%zz", null).utmSource()).isNull();
	}

}
