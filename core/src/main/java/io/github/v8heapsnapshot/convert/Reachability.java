package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Finds what neither a GC root nor an unreferenced top reaches: cycles that only keep each
 * other, such as the caches that {@code java.lang.Class} fields hold and HPROF leaves out.
 * A depth-first search over the strong edges (the {@link StrongEdges} of the linked ranges, mapped) marks
 * everything reachable; the first unmarked node of each remaining group is flagged
 * {@link NodeFlags#UNREACHED} so that it hangs under {@code (Unreachable from dump roots)}
 * and nothing vanishes from the dominator tree.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Reachability implements Closeable {

	private final LinkedGraph graph;

	private final MappedBuffer flags;

	private final StrongEdges.Reader[] edges;

	private final MappedBuffer visited;

	private final MappedBuffer stack;

	private final Checkpoint checkpoint;

	private long stackSize;

	private long steps;

	private Reachability(LinkedGraph graph, Path directory, Checkpoint checkpoint) throws IOException {
		this.graph = graph;
		this.flags = graph.flags();
		this.checkpoint = checkpoint;
		List<LinkedRange> ranges = graph.ranges();
		this.edges = new StrongEdges.Reader[ranges.size()];
		this.visited = MappedBuffer.create(directory, "visited", bitsSize(graph.nodeCount()));
		this.stack = MappedBuffer.create(directory, "stack", 1 << 20);
		for (int i = 0; i < ranges.size(); i++) {
			this.edges[i] = ranges.get(i).strong().reader();
		}
	}

	/**
	 * Flags the nodes that must hang under the unreachable category besides the
	 * unreferenced ones.
	 * @param graph the linked graph, its roots flagged
	 * @param directory where the temporary files go
	 * @param checkpoint checked now and then
	 * @param fromRoots if not {@code null}, receives a bit per node, set for those that the
	 * roots reach
	 * @return how many nodes were flagged
	 */
	static long flagUnreached(LinkedGraph graph, Path directory, Checkpoint checkpoint,
			@Nullable MappedBuffer fromRoots) throws IOException {
		try (Reachability reachability = new Reachability(graph, directory, checkpoint)) {
			return reachability.search(graph.nodeCount(), fromRoots);
		}
	}

	/**
	 * Returns the size of the bits that {@link #flagUnreached} hands out.
	 * @param nodeCount the number of nodes
	 * @return the size in bytes
	 */
	static long bitsSize(long nodeCount) {
		return ((nodeCount >>> 6) + 1) * 8;
	}

	/**
	 * Tells whether a node's bit is set in bits that {@link #flagUnreached} handed out.
	 * @param bits the bits
	 * @param node the node's raw ordinal
	 * @return whether it is set
	 */
	static boolean isSet(MappedBuffer bits, long node) {
		return (bits.getLong((node >>> 6) * 8) & (1L << node)) != 0;
	}

	private long search(long nodeCount, @Nullable MappedBuffer fromRoots) throws IOException {
		for (long node = 0; node < nodeCount; node++) {
			if ((this.flags.getByte(node) & NodeFlags.ROOT) != 0) {
				visit(node);
			}
		}
		drain();
		if (fromRoots != null) {
			for (long word = 0, size = bitsSize(nodeCount); word < size; word += 8) {
				fromRoots.putLong(word, this.visited.getLong(word));
			}
		}
		for (long node = 0; node < nodeCount; node++) {
			if (NodeFlags.top(this.flags.getByte(node))) {
				visit(node);
			}
		}
		drain();
		long flagged = 0;
		for (long node = 0; node < nodeCount; node++) {
			byte f = this.flags.getByte(node);
			if (!visited(node) && !NodeFlags.folded(f)) {
				this.flags.putByte(node, (byte) (f | NodeFlags.UNREACHED));
				flagged++;
				visit(node);
				drain();
			}
		}
		return flagged;
	}

	private boolean visited(long node) {
		return isSet(this.visited, node);
	}

	private void visit(long node) throws IOException {
		long word = (node >>> 6) * 8;
		long bits = this.visited.getLong(word);
		long bit = 1L << node;
		if ((bits & bit) == 0) {
			this.visited.putLong(word, bits | bit);
			long at = this.stackSize * 4;
			if (at + 4 > this.stack.capacity()) {
				this.stack.ensureCapacity(at + 4);
			}
			this.stack.putInt(at, (int) node);
			this.stackSize++;
		}
	}

	private void drain() throws IOException {
		while (this.stackSize > 0) {
			long node = Integer.toUnsignedLong(this.stack.getInt(--this.stackSize * 4));
			int range = this.graph.owner(node);
			long local = this.graph.local(node, range);
			StrongEdges.Reader edges = this.edges[range];
			for (long i = edges.start(local), end = edges.end(local); i < end; i++) {
				visit(edges.target(i));
			}
			if ((++this.steps & 0xFFFFF) == 0) {
				this.checkpoint.check();
			}
		}
	}

	@Override
	public void close() throws IOException {
		try (MappedBuffer visitedBits = this.visited; MappedBuffer nodes = this.stack) {
			Closer.closeAll(this.edges);
		}
	}

}
