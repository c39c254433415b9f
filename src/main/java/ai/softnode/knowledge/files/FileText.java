package ai.softnode.knowledge.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;

import ai.softnode.knowledge.crawl.PageText;

/**
 * Reads the text of an uploaded file. The type is decided by the content (magic bytes and
 * structure), never by the name or a header: PDF, DOCX, HTML, Markdown and plain text. Parsing is
 * bounded: bytes actually inflated from a DOCX are counted (zip bombs), XML is read with DTDs and
 * external entities refused (XXE, billion laughs), PDF scratch memory is capped, and the text may
 * not exceed the size of a source.
 */
public final class FileText {

	private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ZIP = { 'P', 'K', 3, 4 };

	private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };

	private static final Pattern MARKDOWN = Pattern.compile("(?m)^(#{1,6}\\s+\\S|[-*+]\\s+\\S|\\d+\\.\\s+\\S|```|>\\s)|\\[[^\\]]+\\]\\([^)]+\\)");

	private static final Pattern HTML = Pattern.compile("(?is)^\\s*(<!--.*?-->\\s*)*(<!doctype\\s+html|<(html|head|body|main|article|section|div|p|h[1-6]|table|ul|ol)[\\s>])");

	private static final int MAX_ZIP_ENTRIES = 5_000;

	private final long maxInflatedBytes;

	private final int maxCharacters;

	/**
	 * @param maxInflatedBytes the most bytes decompressed from one file
	 * @param maxCharacters the most characters of text one file may yield
	 * @param cacheDirectory where PDFBox may keep its font cache (instead of the home directory)
	 */
	public FileText(long maxInflatedBytes, int maxCharacters, Path cacheDirectory) {
		this.maxInflatedBytes = maxInflatedBytes;
		this.maxCharacters = maxCharacters;
		if (System.getProperty("pdfbox.fontcache") == null) {
			try {
				Files.createDirectories(cacheDirectory);
				System.setProperty("pdfbox.fontcache", cacheDirectory.toAbsolutePath().toString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot create " + cacheDirectory, ex);
			}
		}
	}

	/** The file's type and text. */
	public Extracted extract(byte[] bytes) throws FileRejected {
		if (bytes.length == 0) {
			throw new FileRejected(FileRejected.UNREADABLE, "The file is empty.");
		}
		if (startsWith(bytes, PDF) || indexOf(bytes, PDF, 1024) >= 0) {
			return new Extracted("pdf", limit(pdf(bytes)));
		}
		if (startsWith(bytes, ZIP)) {
			return new Extracted("docx", limit(docx(bytes)));
		}
		if (startsWith(bytes, OLE2)) {
			if (containsUtf16(bytes, "EncryptedPackage") || containsUtf16(bytes, "EncryptionInfo")) {
				throw new FileRejected(FileRejected.ENCRYPTED,
						"The document is password-protected. Remove the password in Word (File › Info › Protect Document) and upload it again.");
			}
			throw new FileRejected(FileRejected.UNSUPPORTED,
					"This is an old Office format (.doc, .xls or .ppt). Save it as .docx or PDF and upload it again.");
		}
		var text = decodeText(bytes);
		if (HTML.matcher(text.substring(0, Math.min(text.length(), 4096))).find()) {
			var document = Jsoup.parse(text);
			var body = PageText.text(document);
			var title = PageText.title(document, "");
			return new Extracted("html", limit(title.isEmpty() || body.startsWith("# ") ? body : "# " + title + "\n\n" + body));
		}
		if (text.stripLeading().startsWith("<?xml")) {
			throw new FileRejected(FileRejected.UNSUPPORTED, "XML files are not supported; upload PDF, DOCX, HTML, Markdown or plain text.");
		}
		return new Extracted(MARKDOWN.matcher(text).find() ? "markdown" : "text", limit(text.strip()));
	}

	private String limit(String text) throws FileRejected {
		if (text.isBlank()) {
			throw new FileRejected(FileRejected.UNREADABLE, "The file contains no readable text (a scanned document needs OCR first).");
		}
		if (text.length() > this.maxCharacters) {
			throw new FileRejected(FileRejected.TOO_LARGE, "The file's text has " + text.length()
					+ " characters; a source may have at most " + this.maxCharacters + ". Split it into smaller files.");
		}
		return text;
	}

	/** Text in UTF-8 (or UTF-16 with a byte order mark), else Windows-1252; binary content is refused. */
	private static String decodeText(byte[] bytes) throws FileRejected {
		if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
			return checkPrintable(new String(bytes, StandardCharsets.UTF_16));
		}
		int offset = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
		try {
			var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			return checkPrintable(decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
		}
		catch (CharacterCodingException ex) {
			return checkPrintable(new String(bytes, Charset.forName("windows-1252")));
		}
	}

	private static String checkPrintable(String text) throws FileRejected {
		long control = text.chars().limit(65_536).filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f').count();
		if (control > 0) {
			throw new FileRejected(FileRejected.UNSUPPORTED,
					"This file type is not supported; upload PDF, DOCX, HTML, Markdown or plain text.");
		}
		return text;
	}

	private String pdf(byte[] bytes) throws FileRejected {
		var memory = MemoryUsageSetting.setupMainMemoryOnly(Math.max(this.maxInflatedBytes, 1 << 20));
		try (var document = Loader.loadPDF(bytes, "", null, null, memory.streamCache)) {
			if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
				throw new FileRejected(FileRejected.ENCRYPTED, "The PDF does not allow its text to be copied. Upload an unprotected copy.");
			}
			if (document.getNumberOfPages() > 5_000) {
				throw new FileRejected(FileRejected.TOO_LARGE, "The PDF has more than 5,000 pages. Split it into smaller files.");
			}
			checkInflation(document);
			var stripper = new PDFTextStripper();
			stripper.setSortByPosition(true);
			stripper.setParagraphStart("\n");
			var out = new CappedWriter(this.maxCharacters * 2L);
			stripper.writeText(document, out);
			return out.toString().replace("\u0000", "");
		}
		catch (InvalidPasswordException ex) {
			throw new FileRejected(FileRejected.ENCRYPTED, "The PDF is password-protected. Upload a copy without a password.");
		}
		catch (InflatedTooMuchPdf ex) {
			throw new FileRejected(FileRejected.UNSAFE, "The PDF's content expands to more than "
					+ this.maxInflatedBytes / (1024 * 1024) + " MB when unpacked; it looks like a decompression bomb.");
		}
		catch (TextCapReached ex) {
			throw new FileRejected(FileRejected.TOO_LARGE, "The PDF's text is longer than a source may be. Split it into smaller files.");
		}
		catch (IOException | RuntimeException ex) {
			if (String.valueOf(ex.getMessage()).contains("Maximum allowed")) {
				throw new FileRejected(FileRejected.UNSAFE, "The PDF expands to more data than allowed.");
			}
			throw new FileRejected(FileRejected.UNREADABLE, "The PDF is damaged and could not be read.");
		}
		catch (OutOfMemoryError ex) {
			throw new FileRejected(FileRejected.UNSAFE, "The PDF expands to more data than allowed.");
		}
	}

	/**
	 * Counts the bytes the page content streams (and the forms they draw) inflate to, stopping at the
	 * limit, before PDFBox decodes any of them whole in memory.
	 */
	private void checkInflation(PDDocument document) throws IOException {
		var budget = new long[] { this.maxInflatedBytes };
		var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<COSBase, Boolean>());
		for (var page : document.getPages()) {
			count(page.getCOSObject().getDictionaryObject(COSName.CONTENTS), budget, seen);
			forms(page.getCOSObject().getCOSDictionary(COSName.RESOURCES), budget, seen, 0);
		}
	}

	private static void forms(COSDictionary resources, long[] budget, Set<COSBase> seen, int depth) throws IOException {
		if (resources == null || depth > 10) {
			return;
		}
		var xobjects = resources.getCOSDictionary(COSName.XOBJECT);
		if (xobjects == null) {
			return;
		}
		for (var name : xobjects.keySet()) {
			if (xobjects.getDictionaryObject(name) instanceof COSStream form && COSName.FORM.equals(form.getCOSName(COSName.SUBTYPE))
					&& seen.add(form)) {
				count(form, budget, seen);
				forms(form.getCOSDictionary(COSName.RESOURCES), budget, seen, depth + 1);
			}
		}
	}

	private static void count(COSBase content, long[] budget, Set<COSBase> seen) throws IOException {
		if (content instanceof COSArray array) {
			for (int i = 0; i < array.size(); i++) {
				count(array.getObject(i), budget, seen);
			}
			return;
		}
		if (!(content instanceof COSStream stream)) {
			return;
		}
		var filters = stream.getFilters();
		var flateOnly = COSName.FLATE_DECODE.equals(filters) || (filters instanceof COSArray list && list.size() == 1
				&& COSName.FLATE_DECODE.equals(list.getObject(0)));
		try (var in = flateOnly ? new java.util.zip.InflaterInputStream(stream.createRawInputStream()) : stream.createInputStream()) {
			var buffer = new byte[8192];
			int n;
			while ((n = in.read(buffer)) != -1) {
				budget[0] -= n;
				if (budget[0] < 0) {
					throw new InflatedTooMuchPdf();
				}
			}
		}
		catch (java.util.zip.ZipException ex) {
			// a damaged stream is PDFBox's to report, as it does for the text
		}
	}

	private String docx(byte[] bytes) throws FileRejected {
		byte[] document = null;
		boolean contentTypes = false;
		long inflated = 0;
		int entries = 0;
		try (var zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				if (++entries > MAX_ZIP_ENTRIES) {
					throw new FileRejected(FileRejected.UNSAFE, "The archive has too many entries.");
				}
				var name = entry.getName();
				if (name.equals("[Content_Types].xml")) {
					contentTypes = true;
				}
				if (name.equals("word/document.xml")) {
					var read = readCapped(zip, this.maxInflatedBytes - inflated);
					inflated += read.length;
					document = read;
				}
				else {
					inflated += skipCapped(zip, this.maxInflatedBytes - inflated);
				}
			}
		}
		catch (InflatedTooMuch ex) {
			throw new FileRejected(FileRejected.UNSAFE, "The document expands to more than " + this.maxInflatedBytes / (1024 * 1024)
					+ " MB when unpacked; it looks like a decompression bomb.");
		}
		catch (ZipException ex) {
			throw new FileRejected(FileRejected.UNREADABLE, "The document is damaged (its ZIP structure is broken).");
		}
		catch (IOException ex) {
			throw new FileRejected(FileRejected.UNREADABLE, "The document could not be read.");
		}
		if (!contentTypes || document == null) {
			throw new FileRejected(FileRejected.UNSUPPORTED,
					"This ZIP file is not a Word document (.docx); upload PDF, DOCX, HTML, Markdown or plain text.");
		}
		return wordText(document);
	}

	/** Paragraph text of WordprocessingML; heading styles become Markdown headings. */
	private static String wordText(byte[] xml) throws FileRejected {
		var factory = XMLInputFactory.newFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		var out = new StringBuilder();
		var paragraph = new StringBuilder();
		int headingLevel = 0;
		boolean inText = false;
		XMLStreamReader reader = null;
		try {
			reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
			while (reader.hasNext()) {
				var event = reader.next();
				switch (event) {
					case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
						throw new FileRejected(FileRejected.UNSAFE,
								"The document declares a DTD or entities, which are refused for safety (XXE).");
					case XMLStreamConstants.START_ELEMENT -> {
						var local = reader.getLocalName();
						switch (local) {
							case "p" -> {
								paragraph.setLength(0);
								headingLevel = 0;
							}
							case "pStyle" -> headingLevel = headingLevel(reader.getAttributeValue(reader.getNamespaceURI(), "val"));
							case "t" -> inText = true;
							case "tab" -> paragraph.append('\t');
							case "br", "cr" -> paragraph.append('\n');
							default -> {
							}
						}
					}
					case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
						if (inText) {
							paragraph.append(reader.getText());
						}
					}
					case XMLStreamConstants.END_ELEMENT -> {
						var local = reader.getLocalName();
						if (local.equals("t")) {
							inText = false;
						}
						else if (local.equals("tc")) {
							paragraph.append(" | ");
						}
						else if (local.equals("p")) {
							var text = paragraph.toString().strip();
							if (!text.isEmpty()) {
								if (headingLevel > 0) {
									out.append("#".repeat(headingLevel)).append(' ').append(text.replace('\n', ' '));
								}
								else {
									out.append(text);
								}
								out.append("\n\n");
							}
							paragraph.setLength(0);
						}
					}
					default -> {
					}
				}
			}
		}
		catch (XMLStreamException ex) {
			var message = String.valueOf(ex.getMessage());
			if (message.contains("DOCTYPE") || message.contains("DTD") || message.contains("ntity")) {
				throw new FileRejected(FileRejected.UNSAFE,
						"The document declares a DTD or entities, which are refused for safety (XXE).");
			}
			throw new FileRejected(FileRejected.UNREADABLE, "The document is damaged (its XML could not be read).");
		}
		finally {
			if (reader != null) {
				try {
					reader.close();
				}
				catch (XMLStreamException ex) {
					// nothing more to read
				}
			}
		}
		return out.toString().strip();
	}

	private static int headingLevel(String style) {
		if (style == null) {
			return 0;
		}
		var lower = style.toLowerCase(Locale.ROOT);
		if (lower.equals("title")) {
			return 1;
		}
		if (lower.startsWith("heading") && lower.length() > 7) {
			try {
				return Math.max(1, Math.min(6, Integer.parseInt(lower.substring(7).strip())));
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}
		return 0;
	}

	private static byte[] readCapped(InputStream in, long cap) throws IOException, InflatedTooMuch {
		var out = new ByteArrayOutputStream();
		var buffer = new byte[8192];
		int n;
		while ((n = in.read(buffer)) != -1) {
			if (out.size() + (long) n > cap) {
				throw new InflatedTooMuch();
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static long skipCapped(InputStream in, long cap) throws IOException, InflatedTooMuch {
		var buffer = new byte[8192];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) != -1) {
			total += n;
			if (total > cap) {
				throw new InflatedTooMuch();
			}
		}
		return total;
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return indexOf(bytes, prefix, prefix.length) == 0;
	}

	private static int indexOf(byte[] bytes, byte[] needle, int within) {
		var end = Math.min(bytes.length, within) - needle.length;
		outer:
		for (int i = 0; i <= end; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static boolean containsUtf16(byte[] bytes, String text) {
		return indexOf(bytes, text.getBytes(StandardCharsets.UTF_16LE), bytes.length) >= 0;
	}

	/**
	 * What a file holds.
	 *
	 * @param type {@code pdf}, {@code docx}, {@code html}, {@code markdown} or {@code text}
	 */
	public record Extracted(String type, String text) {
	}

	private static final class InflatedTooMuch extends Exception {

		InflatedTooMuch() {
			super(null, null, false, false);
		}

	}

	private static final class InflatedTooMuchPdf extends IOException {

		InflatedTooMuchPdf() {
			super("inflation limit reached");
		}

	}

	private static final class TextCapReached extends IOException {

		TextCapReached() {
			super("text cap reached");
		}

	}

	/** Stops PDF text extraction once it has produced more than it could keep. */
	private static final class CappedWriter extends Writer {

		private final StringWriter out = new StringWriter();

		private final long cap;

		private long written;

		CappedWriter(long cap) {
			this.cap = cap;
		}

		@Override
		public void write(char[] buffer, int offset, int length) throws IOException {
			this.written += length;
			if (this.written > this.cap) {
				throw new TextCapReached();
			}
			this.out.write(buffer, offset, length);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return this.out.toString();
		}

	}

}
