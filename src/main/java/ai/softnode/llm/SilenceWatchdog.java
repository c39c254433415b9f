package ai.softnode.llm;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Ends calls to the provider that stay silent too long, for answers running on virtual threads.
 * <p>
 * A socket read timeout makes Okio put every read of every open answer into one lock-guarded queue
 * of timeouts and take it out again: with thousands of answers streaming, that lock is taken tens of
 * thousands of times a second. Instead, calls made on virtual threads have no read timeout; each
 * marks when it starts and stops waiting for the provider, and one daemon thread looks over the
 * waiting calls a few times a second and interrupts the thread of one that has waited longer than
 * its limit (a virtual thread blocked on a socket is woken by an interrupt, which closes the
 * socket). The call then ends with a {@link SocketTimeoutException}, as a read timeout would, and
 * the interrupt is cleared. An interrupt can only arrive while the call is waiting for the provider,
 * never while it writes to the visitor. Platform threads, whose socket reads an interrupt does not
 * end, keep socket read timeouts.
 */
final class SilenceWatchdog {

	/** How often the waiting calls are looked over; limits are kept to within this. */
	static final long CHECK_EVERY_MILLIS = 50;

	/** {@code Thread.isVirtual()}, looked up at run time: the code compiles for Java 17, which has no virtual threads. */
	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

	private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

	private SilenceWatchdog() {
		var thread = new Thread(this::run, "softnode-llm-watchdog");
		thread.setDaemon(true);
		thread.start();
	}

	/** The one watchdog of this JVM, started with the first watched call. */
	static SilenceWatchdog shared() {
		return Shared.INSTANCE;
	}

	/** Whether the current thread is a virtual thread (never on Java 17, which has none). */
	static boolean onVirtualThread() {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static @Nullable MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	/** Starts watching the current thread's call, allowing {@code limitNanos} of silence at a time. */
	Watch watch(long limitNanos) {
		var watch = new Watch(Thread.currentThread(), limitNanos);
		this.watches.add(watch);
		return watch;
	}

	private void run() {
		while (true) {
			try {
				Thread.sleep(CHECK_EVERY_MILLIS);
			}
			catch (InterruptedException ex) {
				// nobody interrupts this thread; keep watching
			}
			var now = System.nanoTime();
			for (var watch : this.watches) {
				watch.check(now);
			}
		}
	}

	private static final class Shared {

		static final SilenceWatchdog INSTANCE = new SilenceWatchdog();

	}

	/** One call's waits for the provider. Closing it ends the watch and clears an interrupt it caused. */
	final class Watch implements AutoCloseable {

		private final Thread owner;

		private final long limitNanos;

		/** When the current wait began; 0 while the call is not waiting for the provider. */
		private long waitingSince;

		private boolean expired;

		private boolean closed;

		private Watch(Thread owner, long limitNanos) {
			this.owner = owner;
			this.limitNanos = limitNanos;
		}

		/** The call starts waiting for the provider (sending the request, reading the answer). */
		synchronized void waiting() throws SocketTimeoutException {
			if (this.expired) {
				throw timedOut();
			}
			this.waitingSince = System.nanoTime();
		}

		/** The call got what it waited for; throws if the watchdog ended the wait meanwhile. */
		synchronized void idle() throws SocketTimeoutException {
			this.waitingSince = 0;
			if (this.expired) {
				Thread.interrupted();
				throw timedOut();
			}
		}

		/** The provider's response body, each read of it a wait. */
		InputStream watched(InputStream body) {
			return new FilterInputStream(body) {
				@Override
				public int read() throws IOException {
					waiting();
					try {
						return super.read();
					}
					finally {
						idle();
					}
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					waiting();
					try {
						return super.read(b, off, len);
					}
					finally {
						idle();
					}
				}
			};
		}

		private synchronized void check(long now) {
			if (!this.closed && !this.expired && this.waitingSince != 0 && now - this.waitingSince > this.limitNanos) {
				this.expired = true;
				this.owner.interrupt();
			}
		}

		private SocketTimeoutException timedOut() {
			return new SocketTimeoutException("no data from the provider for " + TimeUnit.NANOSECONDS.toMillis(this.limitNanos) + " ms");
		}

		@Override
		public synchronized void close() {
			this.closed = true;
			SilenceWatchdog.this.watches.remove(this);
			if (this.expired) {
				Thread.interrupted();
			}
		}

	}

}
