package io.github.v8heapsnapshot.bench;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole benchmark at its smallest scale, once, to prove that it still works. It
 * asserts what was measured, never how fast.
 *
 * @author v8heapsnapshot developers
 */
class BenchmarkTests {

	private static final int ITEMS = 100_000;

	@Test
	void measuresTheJvmTheSummaryTheCommandLineAndNodeOnTheSameWorkload(@TempDir Path work) throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse("--scales=" + ITEMS, "--runs=1", "--work-dir=" + work,
				"--script=" + System.getProperty("v8heapsnapshot.bench.js"),
				"--cli-jar=" + System.getProperty("v8heapsnapshot.bench.cli-jar"),
				"--java-options=-Xms512m -Xmx512m -XX:+AlwaysPreTouch");
		Report report = new Benchmark(options).run();
		assertThat(report.runs(ITEMS)).hasSize(1);
		Measurement run = report.runs(ITEMS).get(0);
		assertThat(run.get("java.items")).isEqualTo(ITEMS);
		assertThat(run.get("java.indexedItems")).isEqualTo(ITEMS / 10);
		assertThat(run.get("node.items")).isEqualTo(ITEMS);
		assertThat(run.get("node.indexedItems")).isEqualTo(ITEMS / 10);
		// At least an Item and its name per item in both runtimes, plus the map's entries
		assertThat(run.get("java.nodes")).isGreaterThan(2.1 * ITEMS);
		assertThat(run.get("java.edges")).isGreaterThan(run.get("java.nodes"));
		assertThat(run.get("node.nodes")).isGreaterThan(2.1 * ITEMS);
		// An Item, a String and its byte[] of 10 characters take at least 56 bytes of HPROF
		assertThat(run.get("java.hprofBytes")).isGreaterThan(56.0 * ITEMS);
		assertThat(run.get("java.snapshotBytes")).isPositive();
		assertThat(run.get("cli.snapshotBytes")).isEqualTo(run.get("java.snapshotBytes"));
		assertThat(run.get("cli.maxRssKiB")).isPositive();
		assertThat(run.get("node.snapshotBytes")).isPositive();
		assertThat(run.get("java.summaryWallSeconds")).isPositive();
		assertThat(run.get("java.summaryHeapPeakExtraBytes")).isLessThan(64.0 * 1024 * 1024);
		assertThat(run.get("summary.maxRssKiB")).isPositive();
		assertThat(report.toMarkdown()).contains("| 100k items (1 runs) |")
			.contains("| **conversion wall / dumpHeap wall** | ≤ 2.0 |")
			.contains("| **summary wall / conversion wall** | ≤ 1.0 |");
		assertThat(work).isDirectoryNotContaining("glob:**.{hprof,heapsnapshot}")
			.isDirectoryContaining("glob:**/runs.txt");
	}

}
