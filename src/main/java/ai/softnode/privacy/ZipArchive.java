package ai.softnode.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.softnode.privacy.spi.ExportArchive;

/**
 * An export written straight into a ZIP stream: each file's body goes to the archive as it is
 * produced, and only the README lines (one per file) are kept until the end.
 */
final class ZipArchive implements ExportArchive {

	private final ZipOutputStream zip;

	private final OutputStream entry;

	private final List<String> readme = new ArrayList<>();

	private final Set<String> paths = new HashSet<>();

	ZipArchive(OutputStream out) {
		this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		// holders must not close the archive by closing their file
		this.entry = new OutputStream() {
			@Override
			public void write(int b) throws IOException {
				ZipArchive.this.zip.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				ZipArchive.this.zip.write(b, off, len);
			}

			@Override
			public void close() {
			}
		};
	}

	@Override
	public void add(String path, String description, Body body) throws IOException {
		if (path.isBlank() || path.startsWith("/") || path.contains("..") || !this.paths.add(path)) {
			throw new IllegalArgumentException("Invalid or repeated path in export: " + path);
		}
		this.zip.putNextEntry(new ZipEntry(path));
		body.writeTo(this.entry);
		this.zip.closeEntry();
		this.readme.add(path + "\n    " + description + "\n");
	}

	/** Writes the README (the {@code introduction}, then one paragraph per file) and ends the archive. */
	void finish(String introduction) throws IOException {
		this.zip.putNextEntry(new ZipEntry("README.txt"));
		var text = new StringBuilder(introduction).append("\n\nFiles in this archive\n=====================\n\n");
		this.readme.forEach(line -> text.append(line).append('\n'));
		this.zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
		this.zip.closeEntry();
		this.zip.finish();
		this.zip.flush();
	}

	int files() {
		return this.readme.size();
	}

}
