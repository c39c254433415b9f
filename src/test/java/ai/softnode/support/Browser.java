package ai.softnode.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for browser tests. Where no Chromium is installed the test is skipped
 * with a message, except in CI ({@code CI} set), where a missing browser is a failure.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts a fresh browser with an empty profile. */
	public static Browser start() {
		var available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!available) {
			if (System.getenv("CI") != null) {
				throw new IllegalStateException("CI is set but Chromium is missing: apt-get install -y chromium chromium-driver");
			}
			Assumptions.abort("Browser test skipped: install Debian's chromium and chromium-driver to run it.");
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		System.setProperty("SE_OFFLINE", "true");
		try {
			var profile = Files.createTempDirectory("softnode-chromium-");
			var options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
					"--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
			var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
			var driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new Browser(driver, profile);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String url) {
		this.driver.get(url);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	/** Waits up to 15 s for {@code condition} to return something other than null or false. */
	public <T> T await(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(condition);
	}

	public WebElement awaitVisible(String css) {
		return await(d -> {
			var found = d.findElements(By.cssSelector(css));
			return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
		});
	}

	/** Saves a screenshot and the page source under target/browser-failures for a failed test to show. */
	public void capture(String name) {
		try {
			var dir = Path.of("target", "browser-failures");
			Files.createDirectories(dir);
			var png = this.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
			Files.write(dir.resolve(name + ".png"), png);
			Files.writeString(dir.resolve(name + ".html"), this.driver.getPageSource());
		}
		catch (IOException | RuntimeException ex) {
			// capturing is best effort
		}
	}

	public void type(String css, String text) {
		var field = find(css);
		field.clear();
		field.sendKeys(text);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}

}
