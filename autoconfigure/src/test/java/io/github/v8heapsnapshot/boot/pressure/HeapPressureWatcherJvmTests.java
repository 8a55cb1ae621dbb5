package io.github.v8heapsnapshot.boot.pressure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.testing.FixtureDump;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A {@link LeakingProcess} in a small heap, under each collector, is captured exactly once
 * per episode of pressure, none in the cool-down and none beyond the cap.
 *
 * @author v8heapsnapshot developers
 */
class HeapPressureWatcherJvmTests {

	private static final long COOLDOWN_MILLIS = 2000;

	@TempDir
	Path directory;

	// Single-generation ZGC needs more headroom to relocate: a larger heap, a smaller leak
	@ParameterizedTest(name = "JDK {0} {1} -Xmx{2}m, leaking {3} of the long-lived heap, threshold {4}")
	@CsvSource({ "17, -XX:+UseG1GC, 96, 0.76, 0.70", "25, -XX:+UseG1GC, 96, 0.76, 0.70",
			"17, -XX:+UseZGC, 256, 0.62, 0.55", "25, -XX:+UseZGC, 96, 0.76, 0.70",
			"17, -XX:+UseParallelGC, 96, 0.76, 0.70", "25, -XX:+UseParallelGC, 96, 0.76, 0.70" })
	void capturesOncePerEpisodeWithinCapAndCooldown(int feature, String collector, int maxHeap, String leak,
			String threshold) throws Exception {
		Path java = FixtureDump.java(feature).orElse(null);
		assumeTrue(java != null, () -> "JDK " + feature + " is not installed");
		List<String> lines = run(java, List.of("-Xmx" + maxHeap + "m", collector), leak, threshold);
		lines.stream().filter((line) -> !line.startsWith("[")).forEach((line) -> System.out.println(
				"JDK " + feature + " " + collector + ": " + line));
		assertThat(lines).as(String.join("\n", lines)).contains("END");
		assertThat(lines.stream().filter((line) -> line.startsWith("CLIMB")))
			.containsExactly("CLIMB 1 CAPTURED", "CLIMB 2 SKIPPED cooldown", "CLIMB 3 CAPTURED", "CLIMB 4 SKIPPED cap");
		assertThat(lines.stream().filter((line) -> line.startsWith("EPISODE"))).hasSize(4);
		assertThat(lines.stream().filter((line) -> line.startsWith("DUMPED"))).hasSize(2);
	}

	private List<String> run(Path java, List<String> jvmOptions, String leak, String threshold)
			throws IOException, InterruptedException {
		Path log = this.directory.resolve("leak.log");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LeakingProcess.class.getName(),
				this.directory.toString(), Long.toString(COOLDOWN_MILLIS), leak, threshold));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
		return Files.readAllLines(log, StandardCharsets.UTF_8);
	}

}
