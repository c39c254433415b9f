package ai.softnode.platform.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller per-connection socket buffers than Tomcat's 8 KB each way. Every visitor waiting for a
 * streamed answer holds a connection open for its whole length, so these buffers are multiplied by
 * thousands, while what goes through them is a few dozen bytes per event (pages and downloads only
 * take a few more writes).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {

	static final int SOCKET_BUFFER_BYTES = 4096;

	@Bean
	TomcatConnectorCustomizer smallSocketBuffers() {
		return connector -> {
			connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
			connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
		};
	}

}
