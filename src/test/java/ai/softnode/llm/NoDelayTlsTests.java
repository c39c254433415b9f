package ai.softnode.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

/**
 * The TLS sockets the Anthropic client opens send at once (Nagle's algorithm off), so a request of
 * more than one segment does not wait for the provider's delayed acknowledgement.
 */
class NoDelayTlsTests {

	@Test
	void tlsOverAConnectedSocketAsOkHttpOpensItHasNoDelay() throws Exception {
		try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				var plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
			assertThat(plain.getTcpNoDelay()).isFalse();
			try (var tls = NoDelayTls.defaults().socketFactory().createSocket(plain, "localhost", server.getLocalPort(), true)) {
				assertThat(tls).isInstanceOf(SSLSocket.class);
				assertThat(tls.getTcpNoDelay()).isTrue();
				// the option is the connection's: the plain socket underneath has it too
				assertThat(plain.getTcpNoDelay()).isTrue();
			}
		}
	}

	@Test
	void everyKindOfSocketTheFactoryMakesHasNoDelay() throws Exception {
		var factory = NoDelayTls.defaults().socketFactory();
		try (var server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
			var loopback = InetAddress.getLoopbackAddress();
			var port = server.getLocalPort();
			try (var byName = factory.createSocket("localhost", port); var byAddress = factory.createSocket(loopback, port);
					var unconnected = factory.createSocket()) {
				assertThat(byName.getTcpNoDelay()).isTrue();
				assertThat(byAddress.getTcpNoDelay()).isTrue();
				assertThat(unconnected.getTcpNoDelay()).isTrue();
			}
			// the JVM's own factory, for comparison, leaves Nagle's algorithm on
			try (var plainTls = SSLSocketFactory.getDefault().createSocket(loopback, port)) {
				assertThat(plainTls.getTcpNoDelay()).isFalse();
			}
		}
	}

	@Test
	void trustsWhatTheJvmTrusts() {
		var tls = NoDelayTls.defaults();
		assertThat(tls.trustManager().getAcceptedIssuers()).isNotEmpty();
		assertThat(tls.socketFactory().getDefaultCipherSuites()).isNotEmpty();
	}

}
