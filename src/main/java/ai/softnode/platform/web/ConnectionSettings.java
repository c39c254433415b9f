package ai.softnode.platform.web;

import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Jetty takes connections. Every visitor reading a streamed answer holds a connection for the
 * whole answer, so these settings decide how many answers a node can stream at once: Jetty lends a
 * connection its buffers only while bytes pass (Tomcat keeps about 100 KB per connection for its
 * life), requests run on virtual threads, and Jetty's own I/O loops stay on platform threads.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionSettings {

	/** Connections the kernel may hold for Jetty to accept; the JVM's default backlog is 50. */
	static final int ACCEPT_QUEUE = 1024;

	/** Platform threads for Jetty's selectors, acceptors and other short non-blocking work. */
	static final int PLATFORM_THREADS = 32;

	/**
	 * Thousands of visitors opening answer streams within a second or two overflow a backlog of 50:
	 * the kernel drops their handshakes, and their requests end without an answer.
	 */
	@Bean
	JettyServerCustomizer acceptQueue() {
		return server -> {
			for (var connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
				}
			}
		};
	}

	/**
	 * Spring Boot's virtual-thread pool for Jetty runs everything on virtual threads, Jetty's
	 * selector loops included. Then, with thousands of answers streaming, the loop that reads new
	 * requests waits its turn behind all of them, and new visitors' requests lie unread in their sockets
	 * for tens of seconds. Jetty's queued pool with a virtual-thread executor keeps its I/O loops on a
	 * few platform threads and hands every request to a virtual thread of its own. (Unordered, this
	 * customizer runs after Spring Boot's, order 1, and replaces its pool.)
	 */
	@Bean
	@ConditionalOnThreading(Threading.VIRTUAL)
	WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> requestsOnVirtualThreads() {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(ConfigurableJettyWebServerFactory factory) {
				if (VirtualThreads.areSupported()) {
					var pool = new QueuedThreadPool(PLATFORM_THREADS, 4);
					pool.setName("jetty");
					pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("request-"));
					factory.setThreadPool(pool);
				}
			}

		};
	}

}
