package ai.softnode.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JVM's default TLS settings (trust store, protocols), with {@code TCP_NODELAY} on every socket.
 * <p>
 * OkHttp, under the Anthropic SDK, leaves Nagle's algorithm on. A request of more than 8 KB (a
 * system prompt with retrieved passages and some history is usually more) leaves it in two writes,
 * and the second waits until the provider acknowledges the first, which a receiver that has
 * nothing to answer yet delays by up to 40 ms (Linux) or 200 ms: measured as 42 ms added to every
 * such request before the provider could start answering. The SDK takes a TLS socket factory, not
 * a plain one, so this applies to {@code https} base URLs (the real API); a plain {@code http}
 * base URL (a local gateway) keeps OkHttp's default.
 */
final class NoDelayTls {

	private final X509TrustManager trustManager;

	private final SSLSocketFactory socketFactory;

	private NoDelayTls(X509TrustManager trustManager, SSLSocketFactory socketFactory) {
		this.trustManager = trustManager;
		this.socketFactory = socketFactory;
	}

	/** The default trust store's manager and a socket factory using it that sets {@code TCP_NODELAY}. */
	static NoDelayTls defaults() {
		try {
			var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			X509TrustManager trust = null;
			for (var manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					trust = x509;
				}
			}
			if (trust == null) {
				throw new IllegalStateException("The JVM has no X.509 trust manager");
			}
			var context = SSLContext.getInstance("TLS");
			context.init(null, new javax.net.ssl.TrustManager[] { trust }, null);
			return new NoDelayTls(trust, new Factory(context.getSocketFactory()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JVM's default TLS settings cannot be loaded", ex);
		}
	}

	X509TrustManager trustManager() {
		return this.trustManager;
	}

	SSLSocketFactory socketFactory() {
		return this.socketFactory;
	}

	/** Delegates every socket to the JVM's factory and turns Nagle's algorithm off on it. */
	static final class Factory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		Factory(SSLSocketFactory delegate) {
			this.delegate = delegate;
		}

		private static Socket noDelay(Socket socket) throws IOException {
			socket.setTcpNoDelay(true);
			return socket;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

		/** What OkHttp calls: TLS over the plain socket it connected. */
		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return noDelay(this.delegate.createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			return noDelay(this.delegate.createSocket(socket, consumed, autoClose));
		}

		@Override
		public Socket createSocket() throws IOException {
			return noDelay(this.delegate.createSocket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return noDelay(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return noDelay(this.delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return noDelay(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
			return noDelay(this.delegate.createSocket(address, port, localAddress, localPort));
		}

	}

}
