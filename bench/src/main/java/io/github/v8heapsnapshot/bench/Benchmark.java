package io.github.v8heapsnapshot.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;

/**
 * Runs the benchmark: for each scale and run, a fresh JVM that dumps and converts its own
 * heap and summarizes the snapshot ({@link JavaSnapshotRun}), a fresh JVM summarizing it
 * under {@code -Xmx64m} ({@link SummaryRun}), the command line converting the same dump
 * under {@code -Xmx64m}, and Node taking a heap snapshot of the same workload. Prints the
 * machine, one line per run, and the table of medians, ranges and pairwise ratios (also
 * written to {@code report.md} in the work directory).
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class Benchmark {

	private static final String CLI_HEAP = "-Xmx64m";

	// Node needs about 16 GB and several minutes for a snapshot of 20M items
	private static final int NODE_MAX_ITEMS = 5_000_000;

	private static final Measurement NODE_SKIPPED = Measurement.empty()
		.with("node.snapshotWallSeconds", Double.NaN)
		.with("node.snapshotCpuSeconds", Double.NaN)
		.with("node.nodes", Double.NaN)
		.with("node.snapshotBytes", Double.NaN)
		.with("node.rssPeakExtraBytes", Double.NaN);

	private final BenchmarkOptions options;

	Benchmark(BenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Runs the benchmark.
	 * @param args {@code --name=value} options, see {@code --help}
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			System.out.println(BenchmarkOptions.USAGE);
			return;
		}
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		String machine = Machine.describe(options.node());
		System.out.println(machine);
		Report report = new Benchmark(options).run();
		String text = machine + "\n- at the end, " + Machine.load() + "\n\n" + report.toMarkdown();
		Files.writeString(options.workDirectory().resolve("report.md"), text);
		Plot.write(report, options.scales(), options.workDirectory().resolve("time-per-million-objects.png"));
		System.out.println();
		System.out.println(text);
	}

	Report run() throws IOException, InterruptedException {
		Files.createDirectories(this.options.workDirectory());
		Report report = new Report();
		for (int items : this.options.scales()) {
			for (int run = 1; run <= this.options.runs(); run++) {
				Measurement measurement = runOnce(items, items + "-" + run);
				Files.writeString(this.options.workDirectory().resolve("runs.txt"),
						measurement.with("run", run).toLine() + "\n", StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
				System.out.println(measurement.toLine());
				report.add(items, measurement);
			}
		}
		return report;
	}

	private Measurement runOnce(int items, String name) throws IOException, InterruptedException {
		Path work = this.options.workDirectory();
		Path hprof = work.resolve("java-" + name + ".hprof");
		Path snapshot = work.resolve("java-" + name + ".heapsnapshot");
		Path temp = Files.createDirectories(work.resolve("tmp-" + name));
		Path cliSnapshot = work.resolve("cli-" + name + ".heapsnapshot");
		Path nodeSnapshot = work.resolve("node-" + name + ".heapsnapshot");
		Path gcLog = work.resolve("cli-gc-" + name + ".log");
		try {
			Measurement java = ChildProcess.run(javaCommand(items, hprof, snapshot, temp));
			Measurement summary = ChildProcess.time(summaryCommand(snapshot, temp),
					work.resolve("time-summary-" + name + ".txt"));
			delete(snapshot);
			Measurement cli = ChildProcess
				.time(cliCommand((int) java.get("javaVersion"), hprof, cliSnapshot, temp, gcLog),
						work.resolve("time-" + name + ".txt"))
				.with("snapshotBytes", Files.size(cliSnapshot))
				.with(GcLog.read(gcLog).toMeasurement());
			delete(hprof, cliSnapshot);
			if (items > NODE_MAX_ITEMS) {
				return java.prefixed("java.")
					.with(summary.prefixed("summary."))
					.with(cli.prefixed("cli."))
					.with(NODE_SKIPPED);
			}
			Measurement node = ChildProcess.run(List.of(this.options.node(), "--expose-gc",
					"--max-old-space-size=8192", this.options.script().toString(), Integer.toString(items),
					nodeSnapshot.toString()));
			return java.prefixed("java.")
				.with(summary.prefixed("summary."))
				.with(cli.prefixed("cli."))
				.with(node.prefixed("node."));
		}
		finally {
			delete(snapshot, hprof, cliSnapshot, nodeSnapshot, gcLog, work.resolve("time-" + name + ".txt"),
					work.resolve("time-summary-" + name + ".txt"));
			deleteTree(temp);
		}
	}

	private List<String> javaCommand(int items, Path hprof, Path snapshot, Path temp) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.javaOptions());
		command.add("-cp");
		command.add(codeSource(JavaSnapshotRun.class) + File.pathSeparator + codeSource(HeapSnapshotConverter.class));
		command.add(JavaSnapshotRun.class.getName());
		command.add(Integer.toString(items));
		command.add(hprof.toString());
		command.add(snapshot.toString());
		command.add(temp.toString());
		return command;
	}

	private List<String> summaryCommand(Path snapshot, Path temp) {
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), CLI_HEAP, "-cp",
				codeSource(SummaryRun.class) + File.pathSeparator + codeSource(HeapSnapshotConverter.class),
				SummaryRun.class.getName(), snapshot.toString(), temp.toString());
	}

	private List<String> cliCommand(int javaVersion, Path hprof, Path snapshot, Path temp, Path gcLog)
			throws IOException {
		if (!Files.isRegularFile(this.options.cliJar())) {
			throw new IOException("No command line jar at " + this.options.cliJar().toAbsolutePath()
					+ ": build it with ./mvnw -pl core package");
		}
		return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), CLI_HEAP,
				"-Xlog:gc:file=" + gcLog, "-jar",
				this.options.cliJar().toString(), "--java-version", Integer.toString(javaVersion), "--temp-dir",
				temp.toString(), hprof.toString(), snapshot.toString());
	}

	private static String codeSource(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void delete(Path... files) throws IOException {
		if (this.options.keepFiles()) {
			return;
		}
		for (Path file : files) {
			Files.deleteIfExists(file);
		}
	}

	private static void deleteTree(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
