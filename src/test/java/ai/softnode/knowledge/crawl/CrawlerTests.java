package ai.softnode.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrawlerTests {

	private final TestSite site = new TestSite();

	@BeforeEach
	void serve() {
		var nav = "<nav><a href=\"/\">Home</a> <a href=\"/about\">About</a> <a href=\"/products\">Products</a></nav>";
		this.site.page("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /private/\nAllow: /private/open\n")
			.html("/", "Home", nav + "<main><h1>Welcome</h1><p>We roast coffee in Bristol.</p>"
					+ "<a href=\"/about#team\">Team</a> <a href=\"/private/secret\">Secret</a> <a href=\"/private/open\">Open</a> "
					+ "<a href=\"https://other.example/\">Elsewhere</a> <a href=\"/menu.pdf\">Menu</a> <a href=\"mailto:x@y.z\">Mail</a></main>"
					+ "<footer>Copyright Roasters</footer>")
			.html("/about", "About", nav + "<main><h1>About us</h1><p>Founded in 2009 by two baristas.</p>"
					+ "<a href=\"/contact\">Contact</a></main>")
			.html("/contact", "Contact", "<main><p>Write to hello@roasters.example.</p></main>")
			.html("/private/secret", "Secret", "<p>Staff only.</p>")
			.html("/private/open", "Open", "<p>Allowed by a longer rule.</p>")
			.html("/products", "Products", nav + "<main><h2>Beans</h2><p>Single origin beans from Ethiopia and Peru.</p></main>")
			.page("/sitemap.xml", 200, "application/xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
					+ "<url><loc>" + this.site.url("/about") + "</loc></url><url><loc>" + this.site.url("/contact")
					+ "</loc></url><url><loc>https://other.example/x</loc></url></urlset>");
	}

	@AfterEach
	void stop() {
		this.site.close();
	}

	@Test
	void followsSameSiteLinksRespectsRobotsAndDropsBoilerplate() throws Exception {
		var result = this.site.crawler().crawl(this.site.uri("/"), 50, () -> true);
		var paths = result.pages().stream().map(page -> page.url().getPath()).toList();
		assertThat(paths).containsExactlyInAnyOrder("/", "/about", "/products", "/contact", "/private/open");
		assertThat(this.site.requests()).doesNotContain("/private/secret", "/menu.pdf").contains("/robots.txt");
		var home = result.pages().get(0);
		assertThat(home.title()).isEqualTo("Home");
		assertThat(home.text()).contains("# Welcome").contains("We roast coffee in Bristol.").doesNotContain("Copyright")
			.doesNotContain("Products");
		assertThat(result.notes()).anyMatch(note -> note.contains("/private/secret") && note.contains("robots.txt"));
	}

	@Test
	void stopsAtMaxPages() throws Exception {
		var result = this.site.crawler().crawl(this.site.uri("/"), 2, () -> true);
		assertThat(result.pages()).hasSize(2);
		assertThat(this.site.requests().stream().filter(path -> !path.equals("/robots.txt"))).hasSize(2);
	}

	@Test
	void crawlsTheSameSiteUrlsOfASitemap() throws Exception {
		var result = this.site.crawler().crawl(this.site.uri("/sitemap.xml"), 10, () -> true);
		assertThat(result.pages().stream().map(page -> page.url().getPath())).containsExactly("/about", "/contact");
	}

	@Test
	void refusesAStartPageThatRobotsDisallowsOrThatFails() {
		this.site.page("/robots.txt", 200, "text/plain", "User-agent: SoftnodeBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
		assertThatThrownBy(() -> this.site.crawler().crawl(this.site.uri("/"), 5, () -> true)).isInstanceOf(FetchRefused.class)
			.hasMessageContaining("robots.txt");
		this.site.remove("/robots.txt");
		assertThatThrownBy(() -> this.site.crawler().crawl(this.site.uri("/missing"), 5, () -> true))
			.hasMessageContaining("status 404");
	}

	@Test
	void readsRobotsRules() {
		var rules = RobotsRules.parse("""
				User-agent: OtherBot
				Disallow: /

				User-agent: *
				Disallow: /search
				Disallow: /*.json$
				Allow: /search/help
				Crawl-delay: 1.5
				""", "SoftnodeBot");
		assertThat(rules.allows("/")).isTrue();
		assertThat(rules.allows("/search?q=x")).isFalse();
		assertThat(rules.allows("/search/help")).isTrue();
		assertThat(rules.allows("/data/items.json")).isFalse();
		assertThat(rules.allows("/data/items.json?x=1")).isTrue();
		assertThat(rules.crawlDelay().toMillis()).isEqualTo(1500);
	}

}
