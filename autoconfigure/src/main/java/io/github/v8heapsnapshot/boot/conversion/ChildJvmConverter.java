package io.github.v8heapsnapshot.boot.conversion;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cancel.CancelledException;
import io.github.v8heapsnapshot.cli.HeapSnapshotCommand;
import io.github.v8heapsnapshot.cli.ObjectIdStatisticsLine;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionPhase;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.layout.ObjectLayout;

import org.springframework.util.unit.DataSize;

/**
 * Converts a heap dump in a child JVM: the {@code java} of the running JDK with the core
 * jar on its class path and a small heap, at the lowest CPU priority ({@code nice}) and
 * pinned to a number of cores ({@code taskset}) where the system has those commands. The
 * application then keeps its heap, its page cache of index files and most of its CPU time.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class ChildJvmConverter implements DumpConverter {

	private static final Pattern WROTE = Pattern.compile(": ([0-9,]+) nodes, ([0-9,]+) edges");

	private static final int LOG_LINES = 20;

	private static final long POLL_MILLIS = 100;

	// Below this size the C2 compiler costs the child more than its code saves: C1 alone
	// converted a 123 MB dump with 40% less CPU time, a 600 MB one with 18% more
	private static final long QUICK_COMPILER_ONLY_BELOW = 256L * 1024 * 1024;

	private DataSize maxHeap = DataSize.ofMegabytes(64);

	private int cpus = 1;

	private boolean lowPriority = true;

	/**
	 * Sets the child's maximum heap, 64 MB by default.
	 * @param maxHeap the {@code -Xmx} of the child
	 */
	public void setMaxHeap(DataSize maxHeap) {
		this.maxHeap = maxHeap;
	}

	/**
	 * Sets how many cores the child may run on, 1 by default; the conversion then uses as
	 * many threads, at most two.
	 * @param cpus the number of cores
	 */
	public void setCpus(int cpus) {
		if (cpus < 1) {
			throw new IllegalArgumentException("CPUs must be positive, was " + cpus);
		}
		this.cpus = cpus;
	}

	/**
	 * Sets whether the child runs at the lowest CPU priority, {@code true} by default.
	 * @param lowPriority whether to run the child with {@code nice -n 19}
	 */
	public void setLowPriority(boolean lowPriority) {
		this.lowPriority = lowPriority;
	}

	/**
	 * Converts a dump in a child JVM and waits for it, the options passed on as
	 * command-line options. The child's output goes to a log file in the options'
	 * temporary directory. Interrupting the calling thread, or cancelling,
	 * kills the child; so does the end of this JVM, which the child watches.
	 * @param hprof the dump
	 * @param snapshot the snapshot to write, which appears only when complete
	 * @param options how to convert
	 * @param listener not told of the child's progress, but of how the objects got their
	 * ids
	 * @param cancellation kills the child when cancelled
	 * @return the numbers of nodes and edges, the sizes and the wall time of the child
	 * (as the conversion's only phase)
	 * @throws IOException if the child failed or could not be started, or the conversion
	 * was cancelled
	 */
	@Override
	public ConversionResult convert(Path hprof, Path snapshot, ConversionOptions options, ConversionListener listener,
			Cancellation cancellation) throws IOException {
		long start = System.nanoTime();
		Path log = options.tempDirectory().resolve("converter.log");
		Process process = new ProcessBuilder(command(hprof, snapshot, options)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		int status;
		try {
			while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				cancellation.check();
			}
			status = process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CancelledException("Interrupted");
		}
		finally {
			process.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		Matcher wrote = WROTE.matcher(output);
		if (status != 0 || !wrote.find() || !Files.exists(snapshot)) {
			throw new IOException("The converting JVM ended with status " + status + ": " + lastLines(output));
		}
		ObjectIdStatisticsLine.find(output).ifPresent(listener::objectIdsAssigned);
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		return new ConversionResult(count(wrote.group(1)), count(wrote.group(2)), Files.size(hprof),
				Files.size(snapshot), Map.of(ConversionPhase.WRITE, duration));
	}

	@Override
	public boolean usesApplicationHeap() {
		return false;
	}

	List<String> command(Path hprof, Path snapshot, ConversionOptions options) throws IOException {
		List<String> command = new ArrayList<>();
		int processors = Runtime.getRuntime().availableProcessors();
		executable("taskset").filter((taskset) -> this.cpus < processors).ifPresent((taskset) -> {
			command.add(taskset);
			command.add("-c");
			command.add((processors - this.cpus) + "-" + (processors - 1));
		});
		executable("nice").filter((nice) -> this.lowPriority).ifPresent((nice) -> {
			command.add(nice);
			command.add("-n");
			command.add("19");
		});
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.maxHeap.toMegabytes() + "m");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:ActiveProcessorCount=" + this.cpus);
		if (Files.size(hprof) < QUICK_COMPILER_ONLY_BELOW) {
			command.add("-XX:TieredStopAtLevel=1");
		}
		command.add("-cp");
		command.add(CoreClassPath.get().toString());
		command.add(HeapSnapshotCommand.class.getName());
		command.addAll(arguments(options));
		command.add(hprof.toString());
		command.add(snapshot.toString());
		return command;
	}

	private List<String> arguments(ConversionOptions conversion) {
		ObjectLayout layout = conversion.layout();
		List<String> options = new ArrayList<>();
		options.add("--java-version");
		options.add(Integer.toString(layout.javaVersion()));
		options.add(layout.compressedOops() ? "--compressed-oops" : "--no-compressed-oops");
		options.add(layout.compressedClassPointers() ? "--compressed-class-pointers" : "--no-compressed-class-pointers");
		options.add(layout.compactObjectHeaders() ? "--compact-object-headers" : "--no-compact-object-headers");
		options.add("--object-alignment");
		options.add(Integer.toString(layout.objectAlignment()));
		options.add("--string-limit");
		options.add(Integer.toString(conversion.stringLimit()));
		options.add("--redaction");
		options.add(conversion.redaction().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		if (!conversion.sensitiveNames().isEmpty()) {
			options.add("--sensitive-names");
			options.add(conversion.sensitiveNames()
				.stream()
				.map(ChildJvmConverter::caseAsCompiled)
				.collect(Collectors.joining(",")));
		}
		options.add("--temp-dir");
		options.add(conversion.tempDirectory().toString());
		options.add("--threads");
		options.add(Integer.toString(Math.min(this.cpus, conversion.threads())));
		Path objectIds = conversion.objectIds();
		if (objectIds != null) {
			options.add("--ids");
			options.add(objectIds.toString());
		}
		options.add("--machine-readable");
		// Killing the application, even with SIGKILL, then stops the child too
		options.add("--parent-pid");
		options.add(Long.toString(ProcessHandle.current().pid()));
		return options;
	}

	// The command line matches names ignoring case; a pattern compiled without the flag should not
	private static String caseAsCompiled(Pattern pattern) {
		return ((pattern.flags() & Pattern.CASE_INSENSITIVE) != 0) ? pattern.pattern() : "(?-i)" + pattern.pattern();
	}

	private static Optional<String> executable(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst();
	}

	private static long count(String digits) {
		return Long.parseLong(digits.replace(",", ""));
	}

	private static String lastLines(String output) {
		List<String> lines = output.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
	}

}
