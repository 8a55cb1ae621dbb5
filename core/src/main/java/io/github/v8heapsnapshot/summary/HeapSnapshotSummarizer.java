package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cancel.CancelledException;
import io.github.v8heapsnapshot.summary.HeapSummary.ClassEntry;
import io.github.v8heapsnapshot.summary.HeapSummary.DuplicatedString;
import io.github.v8heapsnapshot.summary.HeapSummary.Retainer;
import io.github.v8heapsnapshot.summary.HeapSummary.Totals;
import io.github.v8heapsnapshot.summary.HeapSummary.TypeTotal;
import org.jspecify.annotations.Nullable;

/**
 * Summarizes a V8 {@code .heapsnapshot} file, as this project or V8 writes it, without a
 * browser: totals per node type, the class histogram with retained sizes as Chrome
 * DevTools' Summary computes them, the objects that retain the most with their shortest
 * path from the GC roots, and the most wasteful duplicated strings.
 * <p>
 * Retained sizes come from the dominator tree over the edges DevTools counts (not weak
 * ones, not shortcuts, not the WeakMap half of ephemeron pairs), built with the Semi-NCA
 * algorithm. The Java heap use stays small whatever the snapshot's size: every per-node
 * and per-edge array lives in memory-mapped files in a private directory under
 * {@link SummaryOptions#tempDirectory()}, deleted before this method returns or throws.
 * A snapshot that would need more scratch space than
 * {@link SummaryOptions#maxScratchBytes()}, or than the directory has free, gets an
 * {@link HeapSummary#UNAVAILABLE unavailable} summary that says why. Interrupting the
 * calling thread stops the summary with an {@link InterruptedIOException}.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class HeapSnapshotSummarizer {

	private static final long MEGABYTE = 1024 * 1024;

	private final SummaryOptions options;

	/**
	 * Creates a summarizer.
	 * @param options how to summarize
	 */
	public HeapSnapshotSummarizer(SummaryOptions options) {
		this.options = Objects.requireNonNull(options, "options");
	}

	/**
	 * Summarizes a snapshot.
	 * @param snapshot the {@code .heapsnapshot} file
	 * @return the summary, {@link HeapSummary#READY ready} or, if the snapshot is too big
	 * for the limits, {@link HeapSummary#UNAVAILABLE unavailable}
	 * @throws IOException if the file cannot be read, is not a heap snapshot
	 * ({@link SnapshotFormatException}), the scratch files cannot be written, or the thread
	 * was interrupted ({@link CancelledException})
	 */
	public HeapSummary summarize(Path snapshot) throws IOException {
		return summarize(snapshot, new Cancellation());
	}

	/**
	 * Summarizes a snapshot unless cancelled.
	 * @param snapshot the {@code .heapsnapshot} file
	 * @param cancellation stops the summary when cancelled
	 * @return the summary, {@link HeapSummary#READY ready} or, if the snapshot is too big
	 * for the limits, {@link HeapSummary#UNAVAILABLE unavailable}
	 * @throws IOException if the file cannot be read, is not a heap snapshot
	 * ({@link SnapshotFormatException}), the scratch files cannot be written, or the
	 * summary was cancelled or interrupted ({@link CancelledException})
	 * @since 0.2.0
	 */
	public HeapSummary summarize(Path snapshot, Cancellation cancellation) throws IOException {
		Objects.requireNonNull(cancellation, "cancellation");
		String name = String.valueOf(snapshot.getFileName());
		try (FileChannel channel = FileChannel.open(snapshot, StandardOpenOption.READ)) {
			SnapshotReader reader = new SnapshotReader(channel);
			SnapshotHeader header = reader.readHeader();
			String tooBig = tooBig(header);
			if (tooBig != null) {
				return HeapSummary.unavailable(name, tooBig);
			}
			try (ScratchSpace scratch = new ScratchSpace(this.options.tempDirectory())) {
				SnapshotGraph graph = new SnapshotGraph(header, channel, scratch, cancellation);
				reader.readBody(graph);
				graph.prepare(scratch);
				Totals totals = totals(graph);
				DominatorTree tree = DominatorTree.compute(graph, scratch);
				List<ClassEntry> classes = new ClassHistogram(graph, tree, new ClassNames(graph, scratch), scratch)
					.compute();
				List<Retainer> retainers = new TopRetainers(graph, tree, scratch).find(this.options.topRetainers());
				List<DuplicatedString> strings = new DuplicatedStrings(graph, scratch).find(this.options.topStrings());
				return HeapSummary.ready(name, totals, classes, retainers, strings);
			}
		}
		catch (IOException ex) {
			throw Cancellation.interrupted(ex);
		}
		catch (InternalError ex) {
			// How the JVM reports a failed access to a memory-mapped file, as on a full disk
			throw new IOException("Failed to use the scratch files in '" + this.options.tempDirectory()
					+ "', is the disk full? (" + ex.getMessage() + ")", ex);
		}
	}

	private @Nullable String tooBig(SnapshotHeader header) throws IOException {
		long needed = SnapshotGraph.scratchBytes(header.nodeCount(), header.edgeCount());
		String size = header.nodeCount() + " nodes and " + header.edgeCount() + " edges";
		if (needed > this.options.maxScratchBytes()) {
			return "The snapshot has " + size + ": its summary would need about " + needed / MEGABYTE
					+ " MB of scratch space, more than the limit of " + this.options.maxScratchBytes() / MEGABYTE + " MB";
		}
		long free = Files.getFileStore(this.options.tempDirectory()).getUsableSpace();
		if (needed > free) {
			return "The snapshot has " + size + ": its summary would need about " + needed / MEGABYTE
					+ " MB of scratch space, but only " + free / MEGABYTE + " MB are free in the temp directory";
		}
		return null;
	}

	private static Totals totals(SnapshotGraph graph) throws IOException {
		List<String> types = graph.header().nodeTypes();
		long[] counts = new long[types.size()];
		long[] sizes = new long[types.size()];
		long objects = 0;
		long bytes = 0;
		for (int node = 0; node < graph.nodeCount(); node++) {
			int type = graph.type(node);
			long size = graph.size(node);
			counts[type]++;
			sizes[type] += size;
			objects += (size > 0) ? 1 : 0;
			bytes += size;
			graph.checkCancelled(node);
		}
		List<TypeTotal> byType = new ArrayList<>();
		for (int type = 0; type < types.size(); type++) {
			if (counts[type] > 0) {
				byType.add(new TypeTotal(types.get(type), counts[type], sizes[type]));
			}
		}
		return new Totals(graph.nodeCount(), graph.edgeCount(), objects, bytes, byType);
	}

}
