package io.github.v8heapsnapshot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionPhase;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.convert.ObjectIdStatistics;

/**
 * The {@code v8heapsnapshot-cli.jar} entry point: converts one HPROF file, reporting
 * progress on standard error.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HeapSnapshotCommand {

	private final PrintStream out;

	private final PrintStream err;

	/**
	 * Creates a command writing to the given streams.
	 * @param out where the help and the lines for programs go
	 * @param err where progress and errors go
	 */
	public HeapSnapshotCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs the command and exits with its status.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		System.exit(new HeapSnapshotCommand(System.out, System.err).run(args));
	}

	/**
	 * Runs the command.
	 * @param args the arguments
	 * @return the exit status: 0 on success, 1 when the input cannot be converted, 2 on
	 * wrong usage
	 */
	public int run(String... args) {
		CommandLine commandLine;
		try {
			commandLine = CommandLine.parse(args);
		}
		catch (UsageException ex) {
			this.err.println("v8heapsnapshot: " + ex.getMessage());
			this.err.println("Try --help for the options.");
			return 2;
		}
		if (commandLine.help() || commandLine.input() == null || commandLine.output() == null) {
			this.out.print(CommandLine.HELP);
			return 0;
		}
		Cancellation cancellation = new Cancellation();
		try (ParentWatch watch = ParentWatch.start(commandLine.parentPid(), cancellation, this.err)) {
			long start = System.nanoTime();
			ProgressPrinter printer = new ProgressPrinter(this.err, commandLine.machineReadable() ? this.out : null);
			ConversionResult result = new HeapSnapshotConverter(commandLine.options()).convert(commandLine.input(),
					commandLine.output(), printer, cancellation);
			double seconds = (System.nanoTime() - start) / 1e9;
			this.err.printf(Locale.ROOT, "Wrote %s: %,d nodes, %,d edges, %.1f MB in %.1f s%n", commandLine.output(),
					result.nodeCount(), result.edgeCount(), result.snapshotBytes() / 1e6, seconds);
			return 0;
		}
		catch (NoSuchFileException ex) {
			this.err.println("v8heapsnapshot: no such file: " + ex.getMessage());
			return 1;
		}
		catch (IOException | RuntimeException ex) {
			this.err.println("v8heapsnapshot: " + ex.getMessage());
			return 1;
		}
	}

	/**
	 * Prints a progress line about once a second: the phase, the percentage done and, while
	 * the dump is read, the rate. Prints the object id statistics for people and, if asked,
	 * for programs.
	 */
	private static final class ProgressPrinter implements ConversionListener {

		private static final long INTERVAL = 1_000_000_000L;

		private final PrintStream err;

		private final @Nullable PrintStream machine;

		private final long start = System.nanoTime();

		private long last = this.start;

		private ConversionPhase phase = ConversionPhase.INDEX;

		private long phaseStart = this.start;

		ProgressPrinter(PrintStream err, @Nullable PrintStream machine) {
			this.err = err;
			this.machine = machine;
		}

		@Override
		public void objectIdsAssigned(ObjectIdStatistics statistics) {
			if (this.machine != null) {
				this.machine.println(ObjectIdStatisticsLine.format(statistics));
			}
			if (statistics.previousNodes() == 0) {
				this.err.printf(Locale.ROOT, "Object ids: the dump's %,d objects numbered afresh%n", statistics.nodes());
			}
			else {
				this.err.printf(Locale.ROOT,
						"Object ids: %,d of the dump's %,d objects kept theirs from the previous dump's %,d (%,d by "
								+ "address, %,d by content, %,d by place), %,d new%n",
						statistics.kept(), statistics.nodes(), statistics.previousNodes(), statistics.keptByAddress(),
						statistics.keptByContent(), statistics.keptByPlace(), statistics.fresh());
			}
		}

		@Override
		public void progress(ConversionPhase phase, long done, long total) {
			long now = System.nanoTime();
			if (phase != this.phase) {
				this.phase = phase;
				this.phaseStart = now;
			}
			if (now - this.last < INTERVAL || total <= 0 || done <= 0) {
				return;
			}
			this.last = now;
			if (phase == ConversionPhase.WRITE) {
				this.err.printf(Locale.ROOT, "%-5s %3d%%%n", phase, 100 * done / total);
			}
			else {
				double seconds = Math.max(1e-9, (now - this.phaseStart) / 1e9);
				this.err.printf(Locale.ROOT, "%-5s %3d%%  %,.0f MB/s%n", phase, 100 * done / total, done / 1e6 / seconds);
			}
		}

	}

}
