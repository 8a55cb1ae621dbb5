package io.github.v8heapsnapshot.bench;

import java.nio.file.Path;

import io.github.v8heapsnapshot.summary.HeapSnapshotSummarizer;
import io.github.v8heapsnapshot.summary.HeapSummary;
import io.github.v8heapsnapshot.summary.SummaryOptions;

/**
 * Summarizes a snapshot in a fresh JVM, run under {@code -Xmx64m} and GNU time to show
 * that the summary fits the engine's heap budget and how much memory the process needs.
 * <p>
 * Arguments: {@code SNAPSHOT TEMP_DIRECTORY}.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class SummaryRun {

	private SummaryRun() {
	}

	/**
	 * Runs once.
	 * @param args the {@code .heapsnapshot} to summarize and the directory for scratch files
	 * @throws Exception if the run fails
	 */
	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: SummaryRun SNAPSHOT TEMP_DIRECTORY");
		}
		HeapSummary summary = new HeapSnapshotSummarizer(SummaryOptions.defaults().withTempDirectory(Path.of(args[1])))
			.summarize(Path.of(args[0]));
		if (!HeapSummary.READY.equals(summary.state())) {
			throw new IllegalStateException("Summary unavailable: " + summary.reason());
		}
	}

}
