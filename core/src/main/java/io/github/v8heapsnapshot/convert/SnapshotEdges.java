package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.List;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.v8.AsciiWriter;
import io.github.v8heapsnapshot.v8.SnapshotFormat;

/**
 * Formats the snapshot's edges: the synthetic nodes', then the linked graph's in node
 * order, but for those that point at a value array folded into its String.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class SnapshotEdges {

	private final AsciiWriter writer;

	private final LinkedGraph graph;

	private final NodeNumbering numbering;

	private SnapshotEdges(AsciiWriter writer, LinkedGraph graph, NodeNumbering numbering) {
		this.writer = writer;
		this.graph = graph;
		this.numbering = numbering;
	}

	/**
	 * Writes the edges, deleting each range's edge records once written.
	 * @param channel where to
	 * @param bufferSize the size of the writer's buffer
	 * @param graph the linked graph
	 * @param categories the categories under {@code (GC roots)}
	 * @param numbering the numbering of the nodes
	 * @param stop checked now and then, set when another thread failed
	 */
	static void write(FileChannel channel, int bufferSize, LinkedGraph graph, List<CategoryNode> categories,
			NodeNumbering numbering, Cancellation stop) throws IOException {
		AsciiWriter writer = new AsciiWriter(channel, bufferSize);
		new SnapshotEdges(writer, graph, numbering).write(categories, stop);
		writer.close();
	}

	private void write(List<CategoryNode> categories, Cancellation stop) throws IOException {
		this.writer.write("1,1,7");
		for (int i = 0; i < categories.size(); i++) {
			this.writer.edge(SnapshotFormat.EDGE_ELEMENT, i + 1, (2L + i) * SnapshotFormat.NODE_FIELD_COUNT);
		}
		for (CategoryNode node : categories) {
			if (node.category.tops()) {
				writeTops(node.category == RootCategory.WEAKLY_REACHABLE);
			}
			else {
				for (int i = 0; i < node.count; i++) {
					this.writer.edge(SnapshotFormat.EDGE_INTERNAL, node.names[i],
							this.numbering.target(node.targets[i]));
				}
			}
		}
		for (LinkedRange range : this.graph.ranges()) {
			try (EdgeRecords.Cursor edge = range.edges().cursor()) {
				long count = 0;
				while (edge.next()) {
					if (this.numbering.contains(edge.target())) {
						this.writer.edge(edge.type(), Integer.toUnsignedLong(edge.name()),
								this.numbering.target(edge.target()));
					}
					if ((++count & 0xFFFF) == 0) {
						stop.check();
					}
				}
			}
			// Frees its pages now, while the Strings are being named, rather than at the end
			Files.delete(range.edges().file());
		}
	}

	private void writeTops(boolean weak) throws IOException {
		MappedBuffer flags = this.graph.flags();
		long count = this.graph.nodeCount();
		int index = 0;
		for (long i = 0; i < count; i++) {
			byte f = flags.getByte(i);
			if (NodeFlags.top(f) && !NodeFlags.folded(f) && ((f & NodeFlags.WEAK) != 0) == weak) {
				this.writer.edge(SnapshotFormat.EDGE_ELEMENT, index++, this.numbering.target(i));
			}
		}
	}

}
