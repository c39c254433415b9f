package ai.softnode.knowledge.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Small documents built at test time: real PDFs (PDFBox), DOCX packages and hostile variants. */
public final class Fixtures {

	private Fixtures() {
	}

	/** A PDF with one page per entry of {@code pages}; each entry's lines are drawn top to bottom. */
	public static byte[] pdf(List<List<String>> pages, String userPassword) {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (var lines : pages) {
				var page = new PDPage();
				document.addPage(page);
				try (var content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 11);
					content.setLeading(15);
					content.newLineAtOffset(60, 720);
					for (var line : lines) {
						content.showText(line);
						content.newLine();
					}
					content.endText();
				}
			}
			if (userPassword != null) {
				var policy = new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
				policy.setEncryptionKeyLength(128);
				document.protect(policy);
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] pdf(List<List<String>> pages) {
		return pdf(pages, null);
	}

	/** A Word package whose body is {@code bodyXml} (paragraph elements), with an optional prologue before the root. */
	public static byte[] docx(String prologue, String bodyXml) {
		var document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + prologue
				+ "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + bodyXml
				+ "</w:body></w:document>";
		return zip("word/document.xml", document.getBytes(StandardCharsets.UTF_8));
	}

	/** A one-page PDF whose compressed content stream inflates to {@code bytes} bytes. */
	public static byte[] pdfBomb(int bytes) {
		try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
			var page = new PDPage();
			document.addPage(page);
			var stream = new org.apache.pdfbox.pdmodel.common.PDStream(document);
			try (var content = stream.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE)) {
				var block = new byte[64 * 1024];
				java.util.Arrays.fill(block, (byte) ' ');
				for (int written = 0; written < bytes; written += block.length) {
					content.write(block);
				}
			}
			page.setContents(stream);
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A paragraph, as a heading of {@code level} when it is above zero. */
	public static String paragraph(int level, String text) {
		var style = level > 0 ? "<w:pPr><w:pStyle w:val=\"Heading" + level + "\"/></w:pPr>" : "";
		return "<w:p>" + style + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
	}

	/** A Word package whose document part inflates to {@code bytes} bytes of spaces: a decompression bomb. */
	public static byte[] docxBomb(long bytes) {
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(contentTypes());
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			var block = new byte[64 * 1024];
			java.util.Arrays.fill(block, (byte) ' ');
			for (long written = 0; written < bytes; written += block.length) {
				zip.write(block);
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** The start of an OLE2 compound file holding an encrypted OOXML package, as Word writes it. */
	public static byte[] encryptedDocx() {
		var out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 });
		out.writeBytes(new byte[504]);
		out.writeBytes("EncryptionInfo".getBytes(StandardCharsets.UTF_16LE));
		out.writeBytes(new byte[50]);
		out.writeBytes("EncryptedPackage".getBytes(StandardCharsets.UTF_16LE));
		out.writeBytes(new byte[1024]);
		return out.toByteArray();
	}

	private static byte[] zip(String name, byte[] content) {
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(contentTypes());
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content);
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] contentTypes() {
		return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
			.getBytes(StandardCharsets.UTF_8);
	}

}
