package io.github.v8heapsnapshot.boot.pressure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * A JVM that leaks until its long-lived heap is under pressure, four times, with a
 * {@link HeapPressureWatcher} that dumps the heap (HPROF only) on each episode it captures.
 * Prints one line per event: {@code EPISODE}, {@code CAPTURED}, {@code SKIPPED reason}.
 * Arguments: the dump directory, the cool-down in milliseconds, the share of the
 * long-lived heap to leak and the threshold of pressure.
 * <p>
 * Climbs: the first is captured; the second starts right after that capture, within the
 * cool-down; the third after the cool-down; the fourth after another cool-down, beyond the
 * cap of two captures. Between climbs the leak is dropped and {@code System.gc()} lets the
 * collector measure the fall, as it would on its own when the old generation fills.
 *
 * @author v8heapsnapshot developers
 */
public final class LeakingProcess {

	private static final int CHUNK = 64 * 1024;

	private static final double FLOOR = 0.30;

	private static final List<byte[]> retained = new ArrayList<>();

	private static final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();

	private static volatile Object sink;

	private LeakingProcess() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		Duration cooldown = Duration.ofMillis(Long.parseLong(args[1]));
		double leak = Double.parseDouble(args[2]);
		PressureEpisodes episodes = new PressureEpisodes(Double.parseDouble(args[3]), 0.50, 3, Duration.ofMillis(500),
				cooldown, 2);
		HeapDumpCapture capture = new HeapDumpCapture(directory);
		HeapPressureWatcher watcher = new HeapPressureWatcher(episodes, capture, List.of(new Printer()));
		watcher.start();
		long max = longLivedMax();
		System.out.printf("START max=%d%n", max);
		for (int climb = 1; climb <= 4; climb++) {
			if (climb > 2) {
				churn(cooldown.toMillis());
			}
			grow((long) (max * leak));
			String outcome = outcomes.poll(30, TimeUnit.SECONDS);
			System.out.printf("CLIMB %d %s%n", climb, outcome);
			shrink((long) (max * FLOOR));
		}
		watcher.stop();
		System.out.println("END");
	}

	private static long longLivedMax() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> CollectorRules.LONG_LIVED_POOLS.contains(pool.getName()))
			.mapToLong((pool) -> pool.getUsage().getMax())
			.filter((max) -> max > 0)
			.findFirst()
			.orElse(Runtime.getRuntime().maxMemory());
	}

	private static void grow(long bytes) throws InterruptedException {
		while ((long) retained.size() * CHUNK < bytes) {
			retained.add(new byte[CHUNK]);
			churnOnce();
		}
		// Keep collecting until the watcher decided: upper bounds need a window of collections
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (outcomes.isEmpty() && System.nanoTime() < deadline) {
			churnOnce();
		}
	}

	private static void shrink(long bytes) throws InterruptedException {
		while ((long) retained.size() * CHUNK > bytes) {
			retained.remove(retained.size() - 1);
		}
		System.gc();
		churn(300);
	}

	private static void churn(long millis) {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (System.nanoTime() < end) {
			churnOnce();
		}
	}

	// About 100 MB/s of short-lived garbage, a busy service's rate rather than a tight loop's
	private static void churnOnce() {
		for (int i = 0; i < 16; i++) {
			sink = new byte[1024];
		}
		LockSupport.parkNanos(100_000);
	}

	/**
	 * Dumps the heap, as a capture under pressure does: HPROF only, live objects.
	 */
	private static final class HeapDumpCapture implements PressureCapture {

		private final Path directory;

		private int count;

		HeapDumpCapture(Path directory) {
			this.directory = directory;
		}

		@Override
		public void capture(HeapOccupancy occupancy) {
			try {
				Path file = this.directory.resolve("pressure-" + (++this.count) + ".hprof");
				long start = System.nanoTime();
				ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
				System.out.printf("DUMPED %d bytes in %d ms%n", Files.size(file),
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
				Files.delete(file);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private static final class Printer implements HeapPressureListener {

		@Override
		public void episodeStarted(HeapOccupancy occupancy) {
			System.out.printf(Locale.ROOT, "EPISODE %.3f %s %s (%s) used=%d max=%d%n", occupancy.ratio(),
					occupancy.exact() ? "exact" : "bound", occupancy.collector(), occupancy.cause(), occupancy.used(),
					occupancy.max());
		}

		@Override
		public void captured(HeapOccupancy occupancy) {
			outcomes.add("CAPTURED");
			System.out.println("CAPTURED");
		}

		@Override
		public void skipped(HeapOccupancy occupancy, SkipReason reason) {
			outcomes.add("SKIPPED " + reason.value());
			System.out.println("SKIPPED " + reason.value());
		}

	}

}
