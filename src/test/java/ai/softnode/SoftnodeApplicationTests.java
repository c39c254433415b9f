package ai.softnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SoftnodeApplicationTests {

	@Test
	void mainAsksForPlatformPollersUnlessTheCommandLineChoseAlready() {
		var before = System.getProperty(SoftnodeApplication.POLLER_MODE);
		try {
			System.clearProperty(SoftnodeApplication.POLLER_MODE);
			SoftnodeApplication.preferPlatformPollers();
			assertThat(System.getProperty(SoftnodeApplication.POLLER_MODE)).isEqualTo("1");

			System.setProperty(SoftnodeApplication.POLLER_MODE, "2");
			SoftnodeApplication.preferPlatformPollers();
			assertThat(System.getProperty(SoftnodeApplication.POLLER_MODE)).isEqualTo("2");
		}
		finally {
			if (before == null) {
				System.clearProperty(SoftnodeApplication.POLLER_MODE);
			}
			else {
				System.setProperty(SoftnodeApplication.POLLER_MODE, before);
			}
		}
	}

	/** The JDK reads the setting once, when a virtual thread first waits on a socket: so in a JVM of its own. */
	@Test
	void socketsOfVirtualThreadsAreWatchedByPlatformPollerThreads() throws IOException, InterruptedException {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
		var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		var probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PollerProbe.class.getName())
			.redirectErrorStream(true)
			.start();
		assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
		var output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(probe.exitValue()).as(output).isZero();
		// the JDK's own default on Linux since 22 is a "MasterPoller" platform thread with virtual sub-pollers
		assertThat(output).contains("pollers: ").contains("Read-Poller").doesNotContain("MasterPoller");
	}

}
