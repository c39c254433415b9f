package ai.softnode.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Watches when some threads run while a phase runs, by reading their scheduler run time
 * ({@code /proc/.../schedstat}) every millisecond, so a phase can say which of its slow tokens or
 * turns overlapped a burst of theirs. Two are watched: the kernel's memory monitor (DAMON's
 * {@code kdamond} threads; on the virtual machines these figures were measured on it wakes every half
 * second and keeps a core for 10-20 ms, preempting whatever ran there), and H2's threads that
 * write the database's changed pages in the platform JVM (several times a second under load, on
 * platform threads of their own). Where there are no such threads it records nothing.
 */
final class ThreadBursts implements AutoCloseable {

	/** Two samples with run time between them closer than this belong to one burst. */
	private static final long JOIN_NANOS = 3_000_000L;

	/** How far a token or turn may lie from a burst and still count as overlapping it. */
	private static final long MARGIN_NANOS = 2_000_000L;

	private final String label;

	/** Each watched thread's {@code schedstat}, kept open: reading it again from position 0 costs one system call. */
	private final List<FileChannel> stats;

	private final ByteBuffer buffer = ByteBuffer.allocate(128);

	private final List<long[]> bursts = new ArrayList<>();

	private final Thread sampler;

	private volatile boolean stopped;

	private ThreadBursts(String label, List<Path> stats) {
		this.label = label;
		this.stats = stats.stream().map(ThreadBursts::open).filter(Objects::nonNull).toList();
		this.sampler = new Thread(this::sample, "bench-thread-watch");
		this.sampler.setDaemon(true);
		this.sampler.setPriority(Thread.MAX_PRIORITY);
		if (!this.stats.isEmpty()) {
			this.sampler.start();
		}
	}

	/** Starts watching every {@code kdamond} thread there is now (none: an inactive watch). */
	static ThreadBursts kdamond() {
		return new ThreadBursts("the kernel's memory monitor (kdamond)", named(Path.of("/proc"), "kdamond"));
	}

	/**
	 * Starts watching the threads of process {@code pid} that write H2's changed pages to its file
	 * (Linux shows a thread's name cut to 15 characters).
	 */
	static ThreadBursts h2Writer(long pid) {
		return new ThreadBursts("the platform's H2 page writer", named(Path.of("/proc", Long.toString(pid), "task"), "H2-serializatio", "H2-save",
				"MVStore backgro"));
	}

	/** The {@code schedstat} of every process or thread under {@code directory} whose name starts with one of {@code names}. */
	private static List<Path> named(Path directory, String... names) {
		var found = new ArrayList<Path>();
		try (Stream<Path> entries = Files.list(directory)) {
			entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
				try {
					var name = Files.readString(p.resolve("comm"));
					if (Stream.of(names).anyMatch(name::startsWith)) {
						found.add(p.resolve("schedstat"));
					}
				}
				catch (IOException | RuntimeException ex) {
					// it ended, or this is not Linux: not one to watch
				}
			});
		}
		catch (IOException | RuntimeException ex) {
			// no /proc: nothing to watch
		}
		return found;
	}

	boolean active() {
		return !this.stats.isEmpty();
	}

	private void sample() {
		var previous = runNanos();
		var previousAt = System.nanoTime();
		while (!this.stopped) {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				return;
			}
			var run = runNanos();
			var now = System.nanoTime();
			if (run > previous) {
				// it ran at some time since the last sample: count the whole gap, but no more than it ran
				var from = Math.max(previousAt, now - (run - previous));
				synchronized (this.bursts) {
					var last = this.bursts.isEmpty() ? null : this.bursts.get(this.bursts.size() - 1);
					if (last != null && from - last[1] <= JOIN_NANOS) {
						last[1] = now;
					}
					else {
						this.bursts.add(new long[] { from, now });
					}
				}
			}
			previous = run;
			previousAt = now;
		}
	}

	private static @Nullable FileChannel open(Path stat) {
		try {
			return FileChannel.open(stat, StandardOpenOption.READ);
		}
		catch (IOException | RuntimeException ex) {
			// the thread ended, or this is not Linux: nothing to read
			return null;
		}
	}

	/** The watched threads' run time so far: the first number of each {@code schedstat}. */
	private long runNanos() {
		long sum = 0;
		for (var stat : this.stats) {
			try {
				this.buffer.clear();
				stat.read(this.buffer, 0);
				long run = 0;
				for (int i = 0; i < this.buffer.position(); i++) {
					var b = this.buffer.get(i);
					if (b < '0' || b > '9') {
						break;
					}
					run = run * 10 + (b - '0');
				}
				sum += run;
			}
			catch (IOException ex) {
				// the thread is gone: it no longer runs
			}
		}
		return sum;
	}

	/** Whether a burst overlapped {@code [from, to]} ({@code System.nanoTime()} values). */
	boolean overlaps(long from, long to) {
		synchronized (this.bursts) {
			for (var burst : this.bursts) {
				if (burst[0] - MARGIN_NANOS <= to && from <= burst[1] + MARGIN_NANOS) {
					return true;
				}
			}
		}
		return false;
	}

	/** How often it ran within {@code [from, to]}, how long each time, and what share of the time. */
	String describe(long from, long to) {
		var stats = stats(from, to);
		return String.format("%s ran %d times in the phase, %.1f ms each on average, %.1f %% of the time", this.label, stats.count(), stats.meanNanos() / 1e6, 100.0 * stats.busyNanos() / Math.max(1, to - from));
	}

	/**
	 * How many of {@code spans} ({@code from, to} in nanoseconds) a burst would overlap by their length
	 * alone, were the bursts placed at random in {@code [from, to]}: a long span meets one more often.
	 */
	double expectedOverlaps(List<long[]> spans, long from, long to) {
		var stats = stats(from, to);
		double sum = 0;
		for (var span : spans) {
			var reach = (span[1] - span[0]) + stats.meanNanos() + 2.0 * MARGIN_NANOS;
			sum += Math.min(1.0, reach * stats.count() / Math.max(1, to - from));
		}
		return sum;
	}

	private Stats stats(long from, long to) {
		long count = 0;
		long busy = 0;
		synchronized (this.bursts) {
			for (var burst : this.bursts) {
				if (burst[1] >= from && burst[0] <= to) {
					count++;
					busy += Math.min(burst[1], to) - Math.max(burst[0], from);
				}
			}
		}
		return new Stats(count, busy);
	}

	private record Stats(long count, long busyNanos) {

		double meanNanos() {
			return this.count == 0 ? 0 : (double) this.busyNanos / this.count;
		}

	}

	@Override
	public void close() {
		this.stopped = true;
		this.sampler.interrupt();
		try {
			this.sampler.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (var stat : this.stats) {
			try {
				stat.close();
			}
			catch (IOException ex) {
				// nothing more to read from it anyway
			}
		}
	}

}
