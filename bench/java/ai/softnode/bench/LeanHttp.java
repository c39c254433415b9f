package ai.softnode.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The load generator's HTTP/1.1 client: blocking sockets (one virtual thread per request), kept
 * alive in a pool, with {@code TCP_NODELAY}; the response body is handed over as it arrives, with
 * chunked transfer coding removed. It shares two cores with the platform it measures, and the JDK's
 * {@code HttpClient} spent about 1.2 ms of CPU per turn there (41 % of the benchmark JVM's samples),
 * time the platform then did not get.
 */
final class LeanHttp {

	/** Receives the response body as it arrives. */
	@FunctionalInterface
	interface Body {

		void bytes(byte[] buffer, int offset, int length) throws IOException;

	}

	private final String host;

	private final int port;

	private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

	LeanHttp(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * Sends a POST and streams the response body to {@code body}; returns the status. A kept-alive
	 * connection the server has closed meanwhile is replaced once, before anything was read.
	 */
	int post(String path, Map<String, String> headers, byte[] content, Body body) throws IOException {
		var head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(this.host).append(':')
			.append(this.port).append("\r\nContent-Length: ").append(content.length).append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		var request = new ByteArrayOutputStream(head.length() + 2 + content.length);
		request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
		request.writeBytes(content);
		var bytes = request.toByteArray();
		var pooled = this.idle.pollFirst();
		if (pooled != null) {
			try {
				return exchange(pooled, bytes, body);
			}
			catch (Stale ex) {
				pooled.close();
			}
		}
		try {
			return exchange(new Connection(new Socket(this.host, this.port)), bytes, body);
		}
		catch (Stale ex) {
			throw new EOFException("connection closed before a response");
		}
	}

	private int exchange(Connection connection, byte[] request, Body body) throws IOException {
		boolean reusable = false;
		try {
			try {
				connection.out.write(request);
				connection.out.flush();
			}
			catch (SocketException ex) {
				throw new Stale();
			}
			String statusLine;
			try {
				statusLine = connection.line();
			}
			catch (SocketException ex) {
				throw new Stale();
			}
			if (statusLine == null) {
				throw new Stale();
			}
			var status = Integer.parseInt(statusLine.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean close = false;
			String line;
			while ((line = connection.line()) != null && !line.isEmpty()) {
				var colon = line.indexOf(':');
				var name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				var value = line.substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> length = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					case "connection" -> close = value.equalsIgnoreCase("close");
					default -> {
					}
				}
			}
			if (chunked) {
				long size;
				while ((size = Long.parseLong(connection.line().split(";", 2)[0].trim(), 16)) > 0) {
					connection.copy(size, body);
					connection.line();
				}
				while ((line = connection.line()) != null && !line.isEmpty()) {
					// trailers
				}
			}
			else if (length >= 0) {
				connection.copy(length, body);
			}
			else {
				connection.copy(Long.MAX_VALUE, body);
				close = true;
			}
			reusable = !close;
			return status;
		}
		finally {
			if (reusable) {
				this.idle.offerFirst(connection);
			}
			else {
				connection.close();
			}
		}
	}

	/** A kept-alive connection that turned out to be closed before any of the response was read. */
	private static final class Stale extends IOException {

		Stale() {
			super("kept-alive connection closed by the server");
		}

	}

	private static final class Connection {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private final byte[] buffer = new byte[8192];

		private final StringBuilder line = new StringBuilder(128);

		Connection(Socket socket) throws IOException {
			this.socket = socket;
			socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(socket.getInputStream(), 8192);
			this.out = socket.getOutputStream();
		}

		/** A CRLF-terminated header or chunk-size line (ASCII), or null at the end of the stream. */
		String line() throws IOException {
			this.line.setLength(0);
			int b;
			while ((b = this.in.read()) != '\n') {
				if (b < 0) {
					return this.line.isEmpty() ? null : this.line.toString();
				}
				if (b != '\r') {
					this.line.append((char) b);
				}
			}
			return this.line.toString();
		}

		void copy(long length, Body body) throws IOException {
			var left = length;
			while (left > 0) {
				var n = this.in.read(this.buffer, 0, (int) Math.min(this.buffer.length, left));
				if (n < 0) {
					if (length == Long.MAX_VALUE) {
						return;
					}
					throw new EOFException("response ended early");
				}
				body.bytes(this.buffer, 0, n);
				left -= n;
			}
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// nothing to release
			}
		}

	}

}
