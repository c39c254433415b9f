package ai.softnode.knowledge.crawl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * The one HTTP client of the knowledge module; nothing else in it opens connections (a test
 * enforces this). It fetches with GET over HTTP/1.1 and keeps every promise of {@link AddressPolicy}:
 * the host is resolved and judged once, and the socket connects to exactly the address that was
 * judged, so a DNS answer that changes between check and connect (rebinding) cannot redirect it.
 * Redirects are followed by hand, each target checked again. Time, header size and body bytes
 * (counted after decompression) are capped.
 */
public final class FetchGuard {

	private static final int MAX_HEADER_BYTES = 32 * 1024;

	private final AddressPolicy policy;

	private final Settings settings;

	public FetchGuard(Settings settings) {
		this(settings, new AddressPolicy(settings.allowPrivateNetworks()));
	}

	FetchGuard(Settings settings, AddressPolicy policy) {
		this.settings = settings;
		this.policy = policy;
	}

	/** Fetches {@code uri}, following up to the configured number of redirects. */
	public Response get(URI uri) throws FetchRefused {
		var current = uri;
		for (int hop = 0; hop <= this.settings.maxRedirects(); hop++) {
			var response = once(current);
			if (response.status() / 100 == 3 && response.location() != null) {
				try {
					current = current.resolve(response.location().strip().replace(" ", "%20"));
				}
				catch (IllegalArgumentException ex) {
					throw new FetchRefused("The page at " + current + " redirects to an invalid address.");
				}
				continue;
			}
			return response;
		}
		throw new FetchRefused("The page at " + uri + " redirects more than " + this.settings.maxRedirects() + " times.");
	}

	private Response once(URI uri) throws FetchRefused {
		var host = AddressPolicy.checkUri(uri);
		var addresses = this.policy.resolve(host);
		var https = "https".equalsIgnoreCase(uri.getScheme());
		var port = AddressPolicy.port(uri);
		var deadline = System.nanoTime() + this.settings.readTimeout().toNanos();
		FetchRefused last = null;
		for (var address : addresses) {
			try {
				return exchange(uri, host, address, port, https, deadline);
			}
			catch (ConnectFailed ex) {
				last = new FetchRefused("Could not connect to " + host + ": " + ex.getMessage() + ".");
			}
		}
		throw last != null ? last : new FetchRefused("Could not connect to " + host + ".");
	}

	private Response exchange(URI uri, String host, InetAddress address, int port, boolean https, long deadline)
			throws FetchRefused, ConnectFailed {
		var plain = new Socket();
		try (plain) {
			try {
				plain.connect(new InetSocketAddress(address, port), (int) this.settings.connectTimeout().toMillis());
			}
			catch (IOException ex) {
				throw new ConnectFailed(ex.getMessage() == null ? "connection refused" : ex.getMessage());
			}
			Socket socket = plain;
			if (https) {
				var tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
				var parameters = tls.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				if (AddressPolicy.literal(host) == null) {
					parameters.setServerNames(List.of(new SNIHostName(host)));
				}
				tls.setSSLParameters(parameters);
				socket = tls;
			}
			socket.setSoTimeout(remainingMillis(deadline, uri));
			writeRequest(socket.getOutputStream(), uri, host, port, https);
			var in = new DeadlineInputStream(socket.getInputStream(), socket, deadline, uri);
			var head = readHead(in, uri);
			var body = readBody(in, head, uri);
			return new Response(uri, head.status(), head.header("content-type"), head.header("location"), body.bytes(),
					body.truncated());
		}
		catch (SocketTimeoutException ex) {
			throw new FetchRefused("The page at " + uri + " took too long to answer.");
		}
		catch (javax.net.ssl.SSLException ex) {
			throw new FetchRefused("The secure connection to " + host + " failed: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new FetchRefused("Reading " + uri + " failed: " + ex.getMessage());
		}
	}

	private void writeRequest(OutputStream out, URI uri, String host, int port, boolean https) throws IOException {
		var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		if (uri.getRawQuery() != null) {
			path += "?" + uri.getRawQuery();
		}
		if (path.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
			throw new IOException("the address contains characters that cannot be sent");
		}
		var hostHeader = host.contains(":") ? "[" + host + "]" : host;
		if (port != (https ? 443 : 80)) {
			hostHeader += ":" + port;
		}
		var request = "GET " + path + " HTTP/1.1\r\n" + "Host: " + hostHeader + "\r\n" + "User-Agent: " + this.settings.userAgent()
				+ "\r\n" + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1\r\n"
				+ "Accept-Encoding: gzip\r\n" + "Connection: close\r\n\r\n";
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static Head readHead(InputStream in, URI uri) throws IOException, FetchRefused {
		var statusLine = readLine(in, uri);
		var parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new FetchRefused("The server at " + uri.getHost() + " did not answer with HTTP.");
		}
		int status;
		try {
			status = Integer.parseInt(parts[1]);
		}
		catch (NumberFormatException ex) {
			throw new FetchRefused("The server at " + uri.getHost() + " sent an invalid status.");
		}
		var headers = new LinkedHashMap<String, String>();
		int total = statusLine.length();
		while (true) {
			var line = readLine(in, uri);
			total += line.length() + 2;
			if (total > MAX_HEADER_BYTES) {
				throw new FetchRefused("The server at " + uri.getHost() + " sent too many headers.");
			}
			if (line.isEmpty()) {
				break;
			}
			var colon = line.indexOf(':');
			if (colon > 0) {
				headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
						(a, b) -> a + ", " + b);
			}
		}
		if (status / 100 == 1) {
			return readHead(in, uri);
		}
		return new Head(status, headers);
	}

	private static String readLine(InputStream in, URI uri) throws IOException, FetchRefused {
		var line = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != -1) {
			if (c == '\n') {
				break;
			}
			if (c != '\r') {
				line.write(c);
			}
			if (line.size() > MAX_HEADER_BYTES) {
				throw new FetchRefused("The server at " + uri.getHost() + " sent an overlong header.");
			}
		}
		if (c == -1 && line.size() == 0) {
			throw new IOException("the connection closed early");
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	private Body readBody(InputStream in, Head head, URI uri) throws IOException, FetchRefused {
		if (head.status() == 204 || head.status() == 304 || head.status() / 100 == 3) {
			return new Body(new byte[0], false);
		}
		var limit = this.settings.maxPageBytes();
		InputStream raw;
		if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
			raw = new ChunkedInputStream(in);
		}
		else if (head.header("content-length") != null) {
			long length;
			try {
				length = Long.parseLong(head.header("content-length").split(",")[0].strip());
			}
			catch (NumberFormatException ex) {
				throw new FetchRefused("The server at " + uri.getHost() + " sent an invalid Content-Length.");
			}
			raw = new BoundedInputStream(in, length);
		}
		else {
			raw = in;
		}
		var encoding = head.header("content-encoding");
		if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
			try {
				raw = new GZIPInputStream(raw, 8192);
			}
			catch (IOException ex) {
				throw new FetchRefused("The page at " + uri + " is not valid gzip.");
			}
		}
		else if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding)) {
			throw new FetchRefused("The page at " + uri + " uses an unsupported encoding (" + encoding + ").");
		}
		var out = new ByteArrayOutputStream();
		var buffer = new byte[8192];
		int n;
		while ((n = raw.read(buffer)) != -1) {
			var room = limit - out.size();
			if (n >= room) {
				out.write(buffer, 0, (int) room);
				return new Body(out.toByteArray(), true);
			}
			out.write(buffer, 0, n);
		}
		return new Body(out.toByteArray(), false);
	}

	private static int remainingMillis(long deadline, URI uri) throws SocketTimeoutException {
		var remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
		if (remaining <= 0) {
			throw new SocketTimeoutException(uri + " timed out");
		}
		return (int) Math.min(Integer.MAX_VALUE, remaining);
	}

	/**
	 * What the client may do.
	 *
	 * @param allowPrivateNetworks whether private and loopback addresses may be reached (intranets)
	 * @param maxPageBytes body bytes kept per response, counted after decompression
	 */
	public record Settings(boolean allowPrivateNetworks, Duration connectTimeout, Duration readTimeout, long maxPageBytes,
			int maxRedirects, String userAgent) {
	}

	/**
	 * A final (non-redirect) response.
	 *
	 * @param uri the address that answered, after redirects
	 * @param truncated the body was longer than allowed and has been cut
	 */
	public record Response(URI uri, int status, @Nullable String contentType, @Nullable String location, byte[] body,
			boolean truncated) {

		public boolean ok() {
			return this.status == 200;
		}

		/** The media type without parameters, lower case; empty when absent. */
		public String mediaType() {
			if (this.contentType == null) {
				return "";
			}
			var semicolon = this.contentType.indexOf(';');
			return (semicolon >= 0 ? this.contentType.substring(0, semicolon) : this.contentType).strip().toLowerCase(Locale.ROOT);
		}

		/** The charset named by Content-Type, or {@code null}. */
		public @Nullable String charset() {
			if (this.contentType == null) {
				return null;
			}
			var matcher = java.util.regex.Pattern.compile("(?i)charset=\"?([\\w.:-]+)").matcher(this.contentType);
			return matcher.find() ? matcher.group(1) : null;
		}

	}

	private record Head(int status, Map<String, String> headers) {

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

	}

	private record Body(byte[] bytes, boolean truncated) {
	}

	private static final class ConnectFailed extends Exception {

		ConnectFailed(String message) {
			super(message, null, false, false);
		}

	}

	/** Fails reads once the request's time is up, however slowly the server trickles bytes. */
	private static final class DeadlineInputStream extends InputStream {

		private final InputStream in;

		private final Socket socket;

		private final long deadline;

		private final URI uri;

		DeadlineInputStream(InputStream in, Socket socket, long deadline, URI uri) {
			this.in = new java.io.BufferedInputStream(in, 8192);
			this.socket = socket;
			this.deadline = deadline;
			this.uri = uri;
		}

		@Override
		public int read() throws IOException {
			this.socket.setSoTimeout(remainingMillis(this.deadline, this.uri));
			return this.in.read();
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			this.socket.setSoTimeout(remainingMillis(this.deadline, this.uri));
			return this.in.read(b, off, len);
		}

	}

	/** At most {@code remaining} bytes of the underlying stream. */
	private static final class BoundedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		BoundedInputStream(InputStream in, long length) {
			this.in = in;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			var c = this.in.read();
			if (c >= 0) {
				this.remaining--;
			}
			return c;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			var n = this.in.read(b, off, (int) Math.min(len, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			return n;
		}

	}

	/** Decodes {@code Transfer-Encoding: chunked}. */
	private static final class ChunkedInputStream extends InputStream {

		private final InputStream in;

		private long left;

		private boolean done;

		ChunkedInputStream(InputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			var one = new byte[1];
			return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (this.done) {
				return -1;
			}
			if (this.left == 0) {
				var line = chunkLine();
				var semicolon = line.indexOf(';');
				try {
					this.left = Long.parseLong((semicolon >= 0 ? line.substring(0, semicolon) : line).strip(), 16);
				}
				catch (NumberFormatException ex) {
					throw new IOException("invalid chunked encoding");
				}
				if (this.left == 0) {
					this.done = true;
					return -1;
				}
			}
			var n = this.in.read(b, off, (int) Math.min(len, this.left));
			if (n == -1) {
				throw new IOException("the connection closed inside a chunk");
			}
			this.left -= n;
			if (this.left == 0) {
				chunkLine();
			}
			return n;
		}

		private String chunkLine() throws IOException {
			var line = new StringBuilder();
			int c;
			while ((c = this.in.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
				if (line.length() > 1024) {
					throw new IOException("invalid chunked encoding");
				}
			}
			return line.toString();
		}

	}

}
