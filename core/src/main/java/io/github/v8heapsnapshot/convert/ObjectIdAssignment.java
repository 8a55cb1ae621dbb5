package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

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
	 * Flags the unreached nodes (see {@link Reachability}) and assigns the ids.
	 * @param context what the link workers shared, the object index still open
	 * @param graph the linked graph, its roots flagged
	 * @param strings the strings table
	 * @throws IOException if the table or a temporary file cannot be read or written
	 */
	void assign(LinkContext context, LinkedGraph graph, StringTable strings) throws IOException {
		try (MappedBuffer fromRoots = MappedBuffer.create(context.directory, "from-roots",
				Reachability.bitsSize(context.nodeCount))) {
			Reachability.flagUnreached(graph, context.directory, this.progress::check, fromRoots);
			ObjectIds assigned = ObjectIds.assign(this.table, new LinkedDumpGraph(context, graph, strings, fromRoots),
					context.directory);
			this.ids = assigned;
			this.progress.objectIdsAssigned(new ObjectIdStatistics(assigned.nodes(), assigned.previousNodes(),
					assigned.keptByAddress(), assigned.keptByContent(), assigned.keptByPlace()));
		}
	}

	/**
	 * Returns the assigned ids.
	 * @return the ids
	 * @throws IllegalStateException if they are not assigned yet
	 */
	ObjectIds ids() {
		if (this.ids == null) {
			throw new IllegalStateException("The object ids are not assigned yet");
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
