package ai.softnode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Run in a JVM of its own by {@link SoftnodeApplicationTests}: does what {@code main} does first, has
 * a virtual thread wait on a socket, and prints the names of the JDK's poller threads it then finds.
 */
final class PollerProbe {

	private PollerProbe() {
	}

	public static void main(String[] args) throws Exception {
		SoftnodeApplication.preferPlatformPollers();
		var loopback = InetAddress.getLoopbackAddress();
		try (var server = new ServerSocket(0, 1, loopback)) {
			new VirtualThreadTaskExecutor("probe-").execute(() -> {
				try (var socket = new Socket(loopback, server.getLocalPort())) {
					socket.getInputStream().read();
				}
				catch (IOException ex) {
					// the probe's answer is the thread names printed below
				}
			});
			try (var accepted = server.accept()) {
				var deadline = System.nanoTime() + 10_000_000_000L;
				Set<String> pollers = new TreeSet<>();
				while (pollers.isEmpty() && System.nanoTime() < deadline) {
					Thread.sleep(20);
					Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> name.contains("Poller")).forEach(pollers::add);
				}
				System.out.println("pollers: " + String.join(",", pollers));
				accepted.getOutputStream().write(1);
			}
		}
	}

}
