package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.ids.ObjectIds;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * The object ids of one conversion that continues an id table: assigned once the roots are
 * flagged, before the nodes are written, and committed once the snapshot is complete.
 * Assigning searches reachability, which the ids need to tell the objects that a root
 * reaches from those that only hang from objects HPROF leaves out.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class ObjectIdAssignment implements Closeable {

	private final Path table;

	private final Progress progress;

	private @Nullable ObjectIds ids;

	ObjectIdAssignment(Path table, Progress progress) {
		this.table = table;
		this.progress = progress;
	}

	/**
	 * Flags the unreached nodes (see {@link Reachability}) and assigns the ids. The search
	 * runs beside the reading of the nodes, which does not need it.
	 * @param context what the link workers shared, the object index still open
	 * @param graph the linked graph, its roots flagged
	 * @param strings the strings table
	 * @param threads the most threads to use
	 * @throws IOException if the table or a temporary file cannot be read or written
	 */
	void assign(LinkContext context, LinkedGraph graph, StringTable strings, int threads) throws IOException {
		try (MappedBuffer rooted = MappedBuffer.create(context.directory, "rooted",
				Reachability.bitsSize(context.nodeCount))) {
			LinkedDumpGraph dumpGraph = new LinkedDumpGraph(context, graph, strings, rooted);
			Cancellation stop = new Cancellation();
			Parallel.run(threads, "v8heapsnapshot-reachability",
					() -> Reachability.flagUnreached(graph, context.directory, stop::check, rooted, context.classCount),
					() -> this.ids = ObjectIds.read(this.table, dumpGraph, context.directory), this.progress::check,
					stop);
			ObjectIds read = ids();
			read.assign(dumpGraph);
			this.progress.objectIdsAssigned(new ObjectIdStatistics(read.nodes(), read.previousNodes(),
					read.keptByAddress(), read.keptByContent(), read.keptByPlace()));
		}
	}

	/**
	 * Returns the ids.
	 * @return the ids
	 * @throws IllegalStateException if they are not read yet
	 */
	ObjectIds ids() {
		if (this.ids == null) {
			throw new IllegalStateException("The object ids are not read yet");
		}
		return this.ids;
	}

	/**
	 * Replaces the table with the one for the next snapshot.
	 * @throws IOException if the table cannot be replaced
	 */
	void commit() throws IOException {
		ids().commit();
	}

	@Override
	public void close() throws IOException {
		if (this.ids != null) {
			this.ids.close();
		}
	}

}
