package io.github.v8heapsnapshot.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.cli.HeapSnapshotCommand;
import io.github.v8heapsnapshot.testing.ApplicationProcess;
import io.github.v8heapsnapshot.testing.FixtureDump;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Holds the shallow size of every instance class in snapshots of the running sample
 * application against the JVM's own class histogram ({@code jcmd PID GC.class_histogram}):
 * its bytes divided by its instances. The snapshot taken by the application's endpoint sizes
 * objects by the layout of the JVM it runs in; the command line converts a dump taken by
 * {@code jcmd PID GC.heap_dump} with the layout given by its options, and between two
 * histograms taken just before and after that dump, the instance count of every class whose
 * count did not change must be the snapshot's too.
 *
 * @author v8heapsnapshot developers
 */
class SampleApplicationSizesIntegrationTests {

	private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	// Sized by what they hold (a String's node includes its characters), not by their class
	private static final Set<String> VARIABLE = Set.of("java.lang.Class", "java.lang.String",
			"jdk.internal.vm.StackChunk");

	private static final Path workDirectory = Path.of(System.getProperty("v8heapsnapshot.sample.workDir"));

	@ParameterizedTest(name = "JDK {0} {1}")
	@CsvSource(delimiter = '|', value = { "17|-XX:+UseCompressedOops", "25|-XX:+UseCompressedOops",
			"25|-XX:+UseCompactObjectHeaders" })
	void givesEveryInstanceClassTheSizeInTheJvmsHistogram(int feature, String flag) throws Exception {
		Path java = FixtureDump.java(feature).orElse(null);
		assumeTrue(java != null, () -> "JDK " + feature + " is not installed");
		Path jar = Path.of(System.getProperty("v8heapsnapshot.sample.jar"));
		Path directory = workDirectory.resolve("sizes-" + feature + flag);
		Map<String, Count> before;
		Map<String, Count> after;
		Path hprof = directory.resolve("sample.hprof");
		// jcmd does not overwrite a dump, and reports that with exit code 0
		Files.deleteIfExists(hprof);
		Path endpointSnapshot;
		try (ApplicationProcess application = ApplicationProcess.start(java, List.of(flag), jar,
				directory.resolve("sample-app.log"), "--v8heapsnapshot.storage.directory=" + directory.resolve("snapshots"))) {
			for (int i = 0; i < 50; i++) {
				assertThat(application.openSession("user-" + i, "sizes-client").statusCode()).isEqualTo(200);
			}
			before = histogram(java, application.pid());
			jcmd(java, application.pid(), "GC.heap_dump", hprof.toString());
			assertThat(hprof).isNotEmptyFile();
			after = histogram(java, application.pid());
			endpointSnapshot = application.download("/actuator/v8heapsnapshot", directory.resolve("downloads"));
		}
		Path commandLineSnapshot = directory.resolve("sample.heapsnapshot");
		Files.deleteIfExists(commandLineSnapshot);
		List<String> options = new ArrayList<>(List.of("--java-version", Integer.toString(feature)));
		if (flag.equals("-XX:+UseCompactObjectHeaders")) {
			options.add("--compact-object-headers");
		}
		options.addAll(List.of(hprof.toString(), commandLineSnapshot.toString()));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
		assertThat(new HeapSnapshotCommand(out, out).run(options.toArray(String[]::new))).as(output.toString())
			.isZero();
		Map<String, String> commandLineDifferences = new TreeMap<>();
		int compared = compare(before, after, instanceSizes(SnapshotModel.read(commandLineSnapshot)),
				commandLineDifferences);
		Map<String, String> endpointDifferences = new TreeMap<>();
		compare(before, null, instanceSizes(SnapshotModel.read(endpointSnapshot)), endpointDifferences);
		assertThat(compared).isGreaterThan(1000);
		assertThat(commandLineDifferences).isEmpty();
		assertThat(endpointDifferences).isEmpty();
	}

	// Returns the number of classes compared
	private static int compare(Map<String, Count> before, @Nullable Map<String, Count> after,
			Map<String, List<Long>> sizes, Map<String, String> differences) {
		int compared = 0;
		for (Map.Entry<String, Count> entry : before.entrySet()) {
			String name = entry.getKey();
			Count count = entry.getValue();
			if (name.startsWith("[") || VARIABLE.contains(name) || count.bytes() % count.instances() != 0) {
				continue;
			}
			compared++;
			long size = count.bytes() / count.instances();
			List<Long> converted = sizes.getOrDefault(name, List.of());
			if (converted.stream().anyMatch((actual) -> actual != size)) {
				differences.put(name, "JVM " + size + " bytes, snapshot " + Set.copyOf(converted));
			}
			else if (after != null && count.equals(after.get(name)) && converted.size() != count.instances()) {
				differences.put(name, "JVM " + count.instances() + " instances, snapshot " + converted.size());
			}
		}
		return compared;
	}

	private static Map<String, List<Long>> instanceSizes(SnapshotModel snapshot) {
		Map<String, List<Long>> sizes = new HashMap<>();
		for (int node = 0; node < snapshot.nodeCount(); node++) {
			if (snapshot.type(node).equals("object")) {
				sizes.computeIfAbsent(snapshot.name(node), (name) -> new ArrayList<>()).add(snapshot.selfSize(node));
			}
		}
		return sizes;
	}

	// Classes loaded twice under one name are listed twice: their counts add up
	private static Map<String, Count> histogram(Path java, long pid) throws IOException, InterruptedException {
		Map<String, Count> counts = new HashMap<>();
		for (String line : jcmd(java, pid, "GC.class_histogram").split("\n")) {
			Matcher matcher = HISTOGRAM_LINE.matcher(line);
			if (matcher.find()) {
				Count count = new Count(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
				counts.merge(matcher.group(3), count, Count::plus);
			}
		}
		return counts;
	}

	private static String jcmd(Path java, long pid, String... command) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid)));
		arguments.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(jcmd.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(jcmd.exitValue()).as(output).isZero();
		return output;
	}

	/**
	 * A line of the histogram.
	 *
	 * @param instances the number of instances
	 * @param bytes their shallow sizes in all
	 */
	private record Count(long instances, long bytes) {

		Count plus(Count other) {
			return new Count(this.instances + other.instances, this.bytes + other.bytes);
		}

	}

}
