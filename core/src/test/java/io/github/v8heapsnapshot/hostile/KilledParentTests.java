package io.github.v8heapsnapshot.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A converting JVM started with {@code --parent-pid} stops, leaving no output, as soon as
 * the process that started it is killed with {@code SIGKILL}, as an application would be.
 *
 * @author v8heapsnapshot developers
 */
class KilledParentTests {

	@TempDir
	Path directory;

	@Test
	void theConvertingJvmStopsAtOnceWhenItsParentIsKilled() throws Exception {
		Path hprof = Files.createDirectories(this.directory.resolve("dump")).resolve("chain.hprof");
		// Large enough to convert for a few seconds on one thread
		ChildJvm.dumpSmallHeap(hprof, null, 2_000_000);
		Path indexes = Files.createDirectories(this.directory.resolve("indexes"));
		Path output = Files.createDirectories(this.directory.resolve("output"));
		Path snapshot = output.resolve("chain.heapsnapshot");
		Path log = this.directory.resolve("converter.log");
		Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), CommandParent.class.getName(), log.toString(), "--threads", "1",
				"--temp-dir", indexes.toString(), hprof.toString(), snapshot.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		ProcessHandle converter;
		try (BufferedReader pid = new BufferedReader(
				new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII))) {
			converter = ProcessHandle.of(Long.parseLong(pid.readLine())).orElseThrow();
			// A progress line comes after a second of converting
			awaitLog(log, "%", Duration.ofSeconds(60));
			parent.destroyForcibly();
			parent.waitFor();
			long killed = System.nanoTime();
			converter.onExit().get(10, TimeUnit.SECONDS);
			System.out.printf("The converting JVM ended %d ms after its parent was killed%n",
					(System.nanoTime() - killed) / 1_000_000);
		}
		finally {
			parent.destroyForcibly();
		}
		assertThat(Files.readString(log, StandardCharsets.UTF_8))
			.contains("v8heapsnapshot: process " + parent.pid() + " ended, stopping the conversion")
			.doesNotContain("halting")
			.doesNotContain("Wrote ");
		assertThat(files(output)).isEmpty();
		assertThat(files(indexes)).isEmpty();
	}

	private static void awaitLog(Path log, String text, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!Files.exists(log) || !Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
			if (System.nanoTime() > deadline) {
				fail("No '%s' in the converter's log within %s: %s", text, timeout,
						Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)");
			}
			Thread.sleep(20);
		}
	}

	private static List<String> files(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
