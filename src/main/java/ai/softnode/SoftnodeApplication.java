package ai.softnode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Softnode: self-hostable AI chat assistants for business websites. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "platform")
public class SoftnodeApplication {

	/** The JDK's (undocumented) choice of how sockets of virtual threads are polled. */
	static final String POLLER_MODE = "jdk.pollerMode";

	public static void main(String[] args) {
		preferPlatformPollers();
		SpringApplication.run(SoftnodeApplication.class, args);
	}

	/**
	 * Every request, and every answer streaming from the model, runs on a virtual thread that waits
	 * on its sockets. Since Java 22 the JDK on Linux watches those sockets from virtual threads of its
	 * own, which on a busy node wait for a turn on a processor behind every runnable request, and
	 * yield after each look: a socket that is ready is noticed late. Mode 1, Java 21's way, watches them
	 * from a platform thread that wakes the waiting virtual thread at once: more chat turns a second in
	 * the benchmark on two cores (figures in bench/README.md, seventh pass).
	 * Must run before any virtual thread touches a socket; a {@code -Djdk.pollerMode} given on the
	 * command line is left as it is, and a JDK without the setting ignores it.
	 */
	static void preferPlatformPollers() {
		if (System.getProperty(POLLER_MODE) == null) {
			System.setProperty(POLLER_MODE, "1");
		}
	}

}
