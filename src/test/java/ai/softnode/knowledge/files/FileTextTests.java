package ai.softnode.knowledge.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class FileTextTests {

	private static final java.nio.file.Path CACHE = java.nio.file.Path.of("target/test-data/cache/pdfbox");

	private final FileText files = new FileText(4L * 1024 * 1024, 200_000, CACHE);

	@Test
	void readsPdfText() throws Exception {
		var bytes = Fixtures.pdf(List.of(List.of("Opening hours", "We are open Monday to Friday from 9 am to 6 pm."),
				List.of("Parking is free behind the building.")));
		var extracted = this.files.extract(bytes);
		assertThat(extracted.type()).isEqualTo("pdf");
		assertThat(extracted.text()).contains("Monday to Friday from 9 am to 6 pm").contains("Parking is free");
	}

	@Test
	void readsDocxWithHeadings() throws Exception {
		var bytes = Fixtures.docx("", Fixtures.paragraph(1, "Warranty") + Fixtures.paragraph(0, "Every bike has a five-year frame warranty.")
				+ Fixtures.paragraph(2, "Exclusions") + Fixtures.paragraph(0, "Racing damage is not covered."));
		var extracted = this.files.extract(bytes);
		assertThat(extracted.type()).isEqualTo("docx");
		assertThat(extracted.text()).isEqualTo("""
				# Warranty

				Every bike has a five-year frame warranty.

				## Exclusions

				Racing damage is not covered.""");
	}

	@Test
	void readsHtmlMarkdownAndPlainTextByContentNotName() throws Exception {
		var html = this.files.extract("""
				<!DOCTYPE html><html><head><title>Delivery</title><script>track()</script></head>
				<body><nav><a href="/">Home</a></nav><main><h2>Costs</h2><p>Delivery costs £4.</p></main><footer>© Shop</footer></body></html>"""
			.getBytes(StandardCharsets.UTF_8));
		assertThat(html.type()).isEqualTo("html");
		assertThat(html.text()).contains("# Delivery").contains("## Costs").contains("Delivery costs £4.").doesNotContain("Home")
			.doesNotContain("track()").doesNotContain("© Shop");
		var fragment = this.files.extract("<h2>Hours</h2><p>Open <b>daily</b>.</p>".getBytes(StandardCharsets.UTF_8));
		assertThat(fragment.type()).isEqualTo("html");
		assertThat(fragment.text()).isEqualTo("## Hours\n\nOpen daily.");
		var markdown = this.files.extract("# Title\n\n- one\n- two\n".getBytes(StandardCharsets.UTF_8));
		assertThat(markdown.type()).isEqualTo("markdown");
		var text = this.files.extract("Plain words only.\r\nSecond line.".getBytes(StandardCharsets.UTF_8));
		assertThat(text.type()).isEqualTo("text");
		var latin1 = this.files.extract("Café crème".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(latin1.text()).isEqualTo("Café crème");
		var utf16 = this.files.extract("\uFEFFHello in UTF-16".getBytes(StandardCharsets.UTF_16LE));
		assertThat(utf16.text()).contains("Hello in UTF-16");
	}

	@Test
	void refusesUnsupportedAndBinaryContent() {
		assertRejected(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 }, FileRejected.UNSUPPORTED);
		assertRejected("<?xml version=\"1.0\"?><data/>".getBytes(StandardCharsets.UTF_8), FileRejected.UNSUPPORTED);
		assertRejected(new byte[0], FileRejected.UNREADABLE);
		assertRejected("   \n  ".getBytes(StandardCharsets.UTF_8), FileRejected.UNREADABLE);
		var plainZip = Fixtures.docx("", "").clone();
		assertThat(plainZip[0]).isEqualTo((byte) 'P');
	}

	@Test
	void refusesCorruptPdf() {
		var bytes = Fixtures.pdf(List.of(List.of("Some text")));
		var corrupt = java.util.Arrays.copyOf(bytes, bytes.length / 3);
		java.util.Arrays.fill(corrupt, 20, corrupt.length, (byte) 'x');
		assertRejected(corrupt, FileRejected.UNREADABLE);
		assertRejected("%PDF-1.7\nthis is not a pdf at all".getBytes(StandardCharsets.US_ASCII), FileRejected.UNREADABLE);
	}

	@Test
	void refusesPasswordProtectedDocuments() {
		assertRejected(Fixtures.encryptedDocx(), FileRejected.ENCRYPTED);
		assertRejected(Fixtures.pdf(List.of(List.of("Secret")), "user-secret"), FileRejected.ENCRYPTED);
	}

	@Test
	void refusesExternalEntitiesAndEntityExpansion() {
		var xxe = Fixtures.docx("<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
				"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>");
		assertThatThrownBy(() -> this.files.extract(xxe)).isInstanceOfSatisfying(FileRejected.class,
				ex -> assertThat(ex.code()).isEqualTo(FileRejected.UNSAFE));
		var laughs = Fixtures.docx("<!DOCTYPE w:document [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
				+ "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
				"<w:p><w:r><w:t>&d;</w:t></w:r></w:p>");
		assertRejected(laughs, FileRejected.UNSAFE);
	}

	@Test
	void refusesDecompressionBombsCountingInflatedBytes() {
		var bomb = Fixtures.docxBomb(64L * 1024 * 1024);
		assertThat(bomb.length).isLessThan(1024 * 1024);
		assertThatThrownBy(() -> this.files.extract(bomb)).isInstanceOfSatisfying(FileRejected.class, ex -> {
			assertThat(ex.code()).isEqualTo(FileRejected.UNSAFE);
			assertThat(ex.getMessage()).contains("decompression bomb");
		});
	}

	@Test
	void refusesPdfStreamsThatInflateBeyondTheLimit() {
		var bomb = Fixtures.pdfBomb(256 * 1024 * 1024);
		assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
		var started = System.nanoTime();
		assertThatThrownBy(() -> this.files.extract(bomb)).isInstanceOfSatisfying(FileRejected.class,
				ex -> assertThat(ex.code()).as(ex.getMessage()).isEqualTo(FileRejected.UNSAFE));
		assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
	}

	@Test
	void refusesTextLongerThanASource() {
		var small = new FileText(1024 * 1024, 100, CACHE);
		assertThatThrownBy(() -> small.extract("word ".repeat(100).getBytes(StandardCharsets.UTF_8)))
			.isInstanceOfSatisfying(FileRejected.class, ex -> assertThat(ex.code()).isEqualTo(FileRejected.TOO_LARGE));
	}

	private void assertRejected(byte[] bytes, String code) {
		assertThatThrownBy(() -> this.files.extract(bytes)).isInstanceOfSatisfying(FileRejected.class,
				ex -> assertThat(ex.code()).as(ex.getMessage()).isEqualTo(code));
	}

}
