package io.github.v8heapsnapshot.bench;

import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GcLog}, on the log of a real JVM.
 *
 * @author v8heapsnapshot developers
 */
class GcLogTests {

	private static final int KEPT = 16 * 1024 * 1024;

	@Test
	void readsTheHeapAroundEachPause(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("gc.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx64m", "-XX:+UseG1GC", "-Xlog:gc:file=" + log, "-cp", System.getProperty("java.class.path"),
				Allocate.class.getName())
			.inheritIO()
			.start();
		assertThat(process.waitFor()).isZero();
		GcLog gcLog = GcLog.read(log);
		assertThat(gcLog.pauses()).isGreaterThanOrEqualTo(2);
		assertThat(gcLog.maxAfter()).isGreaterThanOrEqualTo(KEPT).isLessThan(64L * 1024 * 1024);
		assertThat(gcLog.maxBefore()).isGreaterThanOrEqualTo(gcLog.maxAfter());
		assertThat(gcLog.toMeasurement().get("gcPauses")).isEqualTo(gcLog.pauses());
	}

	@Test
	void logWithoutPausesHasNone(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("gc.log");
		Files.write(log, List.of("[0.007s][info][gc] Using G1"));
		assertThat(GcLog.read(log)).isEqualTo(new GcLog(0, 0, 0));
	}

	/**
	 * Keeps 16 MiB across two full collections.
	 */
	static final class Allocate {

		public static void main(String[] args) {
			byte[] kept = new byte[KEPT];
			System.gc();
			System.gc();
			Reference.reachabilityFence(kept);
		}

	}

}
