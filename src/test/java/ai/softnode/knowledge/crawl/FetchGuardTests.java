package ai.softnode.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchGuardTests {

	private final TestSite site = new TestSite();

	@AfterEach
	void stop() {
		this.site.close();
	}

	@Test
	void aClosedGuardRefusesTheLoopbackSiteInEverySpelling() {
		this.site.html("/", "Home", "<p>hello</p>");
		var guard = new FetchGuard(new FetchGuard.Settings(false, Duration.ofSeconds(2), Duration.ofSeconds(2), 1024, 5, "SoftnodeBot/1.0"));
		var port = this.site.port();
		for (var url : new String[] { "http://127.0.0.1:" + port + "/", "http://0x7f000001:" + port + "/", "http://2130706433:" + port + "/",
				"http://[::ffff:127.0.0.1]:" + port + "/", "http://localhost:" + port + "/", "http://127.0.0.1.:" + port + "/" }) {
			assertThatThrownBy(() -> guard.get(URI.create(url))).as(url).isInstanceOf(FetchRefused.class)
				.hasMessageContaining("loopback address");
		}
		assertThat(this.site.requests()).isEmpty();
	}

	@Test
	void fetchesTheAllowedSiteAndChecksEveryRedirect() throws Exception {
		this.site.html("/page", "Page", "<p>content</p>").redirect("/moved", "/page")
			.redirect("/to-private", "http://10.0.0.1/admin").redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
			.redirect("/to-hex", "http://0x7f000002:" + this.site.port() + "/").redirect("/to-file", "file:///etc/passwd")
			.redirect("/loop", "/loop");
		var guard = this.site.guard(1024 * 1024, Duration.ofSeconds(5));
		var moved = guard.get(this.site.uri("/moved"));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.uri().getPath()).isEqualTo("/page");
		assertThat(new String(moved.body())).contains("content");
		assertThatThrownBy(() -> guard.get(this.site.uri("/to-private"))).hasMessageContaining("private network address");
		assertThatThrownBy(() -> guard.get(this.site.uri("/to-metadata"))).hasMessageContaining("cloud metadata");
		assertThatThrownBy(() -> guard.get(this.site.uri("/to-hex"))).hasMessageContaining("loopback");
		assertThatThrownBy(() -> guard.get(this.site.uri("/to-file"))).hasMessageContaining("Only http");
		assertThatThrownBy(() -> guard.get(this.site.uri("/loop"))).hasMessageContaining("redirects more than 5 times");
		assertThat(this.site.requests().stream().filter("/loop"::equals)).hasSize(6);
	}

	@Test
	void connectsToTheAddressItCheckedSoALaterDnsAnswerCannotRebindIt() throws Exception {
		this.site.html("/", "Home", "<p>checked address</p>");
		var answers = new java.util.ArrayDeque<InetAddress[]>();
		answers.add(new InetAddress[] { InetAddress.getByName("127.0.0.1") });
		answers.add(new InetAddress[] { InetAddress.getByName("10.0.0.1") });
		var lookups = new java.util.concurrent.atomic.AtomicInteger();
		var guard = this.site.guard(1024, Duration.ofSeconds(5), host -> {
			lookups.incrementAndGet();
			return answers.poll();
		});
		var response = guard.get(URI.create("http://rebind.test:" + this.site.port() + "/"));
		assertThat(new String(response.body())).contains("checked address");
		assertThat(lookups).hasValue(1);
		assertThatThrownBy(() -> guard.get(URI.create("http://rebind.test:" + this.site.port() + "/")))
			.hasMessageContaining("private network address");
	}

	@Test
	void capsBytesAfterDecompressionAndTime() throws Exception {
		this.site.page("/big", 200, "text/html", "x".repeat(100_000)).gzipBomb("/bomb", 64 * 1024 * 1024)
			.slow("/slow", Duration.ofSeconds(3));
		var guard = this.site.guard(10_000, Duration.ofMillis(800));
		var big = guard.get(this.site.uri("/big"));
		assertThat(big.body()).hasSize(10_000);
		assertThat(big.truncated()).isTrue();
		var bomb = guard.get(this.site.uri("/bomb"));
		assertThat(bomb.body()).hasSize(10_000);
		assertThat(bomb.truncated()).isTrue();
		var started = System.nanoTime();
		assertThatThrownBy(() -> guard.get(this.site.uri("/slow"))).hasMessageContaining("took too long");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

}
