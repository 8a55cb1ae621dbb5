package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.summary.HeapSnapshotSummarizer;
import io.github.v8heapsnapshot.summary.HeapSummary;
import io.github.v8heapsnapshot.summary.SnapshotFormatException;
import io.github.v8heapsnapshot.summary.SummaryOptions;

/**
 * Run in a child JVM with a small heap: summarizes each snapshot and prints one line per
 * input, {@code summarized NAME NODES SHALLOW_BYTES CLASS RETAINED_BYTES} (the class that
 * retains the most), {@code refused NAME} or {@code failed NAME CAUSE}. Any error, such as an
 * {@link OutOfMemoryError}, ends the JVM with a stack trace.
 *
 * @author v8heapsnapshot developers
 */
final class SummarizingApplication {

	private SummarizingApplication() {
	}

	/**
	 * Summarizes the inputs.
	 * @param args the {@code .heapsnapshot} files
	 */
	public static void main(String[] args) {
		HeapSnapshotSummarizer summarizer = new HeapSnapshotSummarizer(SummaryOptions.defaults());
		for (String arg : args) {
			Path snapshot = Path.of(arg);
			String name = snapshot.getFileName().toString();
			try {
				HeapSummary summary = summarizer.summarize(snapshot);
				HeapSummary.ClassEntry top = summary.classes().get(0);
				System.out.println("summarized " + name + " " + summary.totals().nodes() + " "
						+ summary.totals().shallowBytes() + " " + top.name() + " " + top.retainedBytes());
			}
			catch (SnapshotFormatException ex) {
				System.out.println("refused " + name);
			}
			catch (IOException ex) {
				System.out.println("failed " + name + " " + ex);
			}
		}
	}

}
