package io.github.v8heapsnapshot.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link Benchmark} runs, from {@code --name=value} arguments.
 *
 * @param scales the numbers of items, one workload per number
 * @param runs the processes per scale and runtime
 * @param workDirectory where dumps and snapshots go (deleted after each run unless kept)
 * @param script the JavaScript workload, {@code js/workload.js}
 * @param cliJar the command line jar, {@code core/target/v8heapsnapshot-cli.jar}
 * @param node the Node executable
 * @param javaOptions the options of the JVM that dumps and converts its own heap
 * @param keepFiles whether to keep the dumps and snapshots
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
record BenchmarkOptions(List<Integer> scales, int runs, Path workDirectory, Path script, Path cliJar, String node,
		List<String> javaOptions, boolean keepFiles) {

	static final String USAGE = """
			Options (defaults in brackets):
			  --scales=N,N,...     items per workload [100000,1000000,5000000,20000000];
			                       Node runs up to 5000000
			  --runs=N             processes per scale and runtime [3]
			  --work-dir=DIR       where dumps and snapshots go [target/bench]
			  --script=FILE        the JavaScript workload [js/workload.js]
			  --cli-jar=FILE       the command line jar [../core/target/v8heapsnapshot-cli.jar]
			  --node=COMMAND       the Node executable [node]
			  --java-options=OPTS  options of the dumping JVM, space separated
			                       [-Xms4g -Xmx4g -XX:+AlwaysPreTouch]
			  --keep               keep the dumps and snapshots""";

	static BenchmarkOptions parse(String... args) {
		BenchmarkOptions options = new BenchmarkOptions(List.of(100_000, 1_000_000, 5_000_000, 20_000_000), 3,
				Path.of("target/bench"), Path.of("js/workload.js"), Path.of("../core/target/v8heapsnapshot-cli.jar"),
				"node", List.of("-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"), false);
		for (String arg : args) {
			options = options.with(arg);
		}
		return options;
	}

	private BenchmarkOptions with(String arg) {
		if (arg.equals("--keep")) {
			return new BenchmarkOptions(this.scales, this.runs, this.workDirectory, this.script, this.cliJar,
					this.node, this.javaOptions, true);
		}
		int equals = arg.indexOf('=');
		if (!arg.startsWith("--") || equals < 0) {
			throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
		}
		String value = arg.substring(equals + 1);
		return switch (arg.substring(2, equals)) {
			case "scales" -> new BenchmarkOptions(Arrays.stream(value.split(",")).map(Integer::valueOf).toList(),
					this.runs, this.workDirectory, this.script, this.cliJar, this.node, this.javaOptions,
					this.keepFiles);
			case "runs" -> new BenchmarkOptions(this.scales, Integer.parseInt(value), this.workDirectory, this.script,
					this.cliJar, this.node, this.javaOptions, this.keepFiles);
			case "work-dir" -> new BenchmarkOptions(this.scales, this.runs, Path.of(value), this.script, this.cliJar,
					this.node, this.javaOptions, this.keepFiles);
			case "script" -> new BenchmarkOptions(this.scales, this.runs, this.workDirectory, Path.of(value),
					this.cliJar, this.node, this.javaOptions, this.keepFiles);
			case "cli-jar" -> new BenchmarkOptions(this.scales, this.runs, this.workDirectory, this.script,
					Path.of(value), this.node, this.javaOptions, this.keepFiles);
			case "node" -> new BenchmarkOptions(this.scales, this.runs, this.workDirectory, this.script, this.cliJar,
					value, this.javaOptions, this.keepFiles);
			case "java-options" -> new BenchmarkOptions(this.scales, this.runs, this.workDirectory, this.script,
					this.cliJar, this.node, List.of(value.trim().split("\\s+")), this.keepFiles);
			default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
		};
	}

}
