package ai.softnode.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import org.unbescape.html.HtmlEscape;

/**
 * The widget's browser assets stay within their download budgets and never contain the constructs
 * that would let a visitor's or a model's text become markup or code on a customer's site.
 */
class WidgetAssetsTests {

	/** What the customer's page downloads before the bubble shows. */
	private static final int LOADER_BUDGET = 3072;

	/** The chat frame: page, script and stylesheet together. */
	private static final int FRAME_BUDGET = 15360;

	private static final String LOADER = "static/widget.js";

	private static final String[] FRAME = { "templates/widget/frame.html", "static/widget/frame.js",
			"static/widget/frame.css" };

	private static final Pattern POST_TO_ANY_ORIGIN = Pattern.compile("postMessage\\([^;]*['\"]\\*['\"]");

	@Test
	void loaderFitsItsBudget() {
		assertThat(gzippedSize(LOADER)).as("gzipped widget.js").isLessThanOrEqualTo(LOADER_BUDGET);
	}

	@Test
	void framePageFitsItsBudget() {
		var total = 0;
		for (var asset : FRAME) {
			total += gzippedSize(asset);
		}
		assertThat(total).as("gzipped frame.html + frame.js + frame.css").isLessThanOrEqualTo(FRAME_BUDGET);
	}

	@ParameterizedTest
	@ValueSource(strings = { LOADER, "templates/widget/frame.html", "static/widget/frame.js", "static/widget/frame.css" })
	void assetsNeverParseTextAsMarkupOrCode(String asset) {
		var text = read(asset);
		assertThat(text).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function",
				"document.write", "onmessage =", "setAttribute('style'");
		assertThat(POST_TO_ANY_ORIGIN.matcher(text).find()).as("postMessage to '*' in " + asset).isFalse();
	}

	@Test
	void framePageNeedsNoInlineScriptOrStyle() {
		var page = read("templates/widget/frame.html");
		assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page).find()).as("inline <script>").isFalse();
		assertThat(page).doesNotContain("<style", " style=");
		assertThat(Pattern.compile("\\son[a-z]+=").matcher(page).find()).as("inline event handler").isFalse();
	}

	@Test
	void framePageCarriesItsSettingsInEscapedAttributes() {
		var config = "{\"name\":\"Acme \\\"Help\\\" & Co\",\"greeting\":\"\\\"><script>alert(1)</script><img src=x onerror=alert(2)>\"}";
		var html = render(config, "frame", null);

		assertThat(attribute(html, "data-config")).isEqualTo(config);
		assertThat(attribute(html, "data-public-id")).isEqualTo("bot_abc123");
		assertThat(attribute(html, "data-mode")).isEqualTo("frame");
		assertThat(html).doesNotContain("data-host-origin", "<script>alert", "<img src=x");
		assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
	}

	@Test
	void framePageNamesTheValidatedHostOrigin() {
		var html = render("{}", "page", "https://www.example.com");

		assertThat(attribute(html, "data-host-origin")).isEqualTo("https://www.example.com");
		assertThat(attribute(html, "data-mode")).isEqualTo("page");
	}

	private static String render(String config, String mode, String hostOrigin) {
		var resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		var engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		var application = JakartaServletWebApplication.buildApplication(new MockServletContext());
		var exchange = application.buildExchange(new MockHttpServletRequest(), new MockHttpServletResponse());
		Map<String, Object> model = new HashMap<>();
		model.put("publicId", "bot_abc123");
		model.put("config", config);
		model.put("hostOrigin", hostOrigin);
		model.put("mode", mode);
		return engine.process("widget/frame", new WebContext(exchange, Locale.ENGLISH, model));
	}

	private static String attribute(String html, String name) {
		var matcher = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as(name + " attribute").isTrue();
		return HtmlEscape.unescapeHtml(matcher.group(1));
	}

	private static int gzippedSize(String asset) {
		var bytes = new ByteArrayOutputStream();
		try (var gzip = new GZIPOutputStream(bytes) {
			{
				this.def.setLevel(Deflater.BEST_COMPRESSION);
			}
		}) {
			gzip.write(read(asset).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.size();
	}

	private static String read(String asset) {
		try (InputStream in = WidgetAssetsTests.class.getClassLoader().getResourceAsStream(asset)) {
			assertThat(in).as(asset + " on the classpath").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
