package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.index.RankedBitSet;
import io.github.v8heapsnapshot.v8.SnapshotFormat;

/**
 * Where each node lands in the snapshot: the synthetic nodes first (the root,
 * {@code (GC roots)} and its categories), then the nodes in raw ordinal order but for the
 * value arrays that fold into their String.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class NodeNumbering implements Closeable {

	private final RankedBitSet kept;

	private final long syntheticCount;

	private final long nodeCount;

	private final long edgeCount;

	private NodeNumbering(RankedBitSet kept, long syntheticCount, long nodeCount, long edgeCount) {
		this.kept = kept;
		this.syntheticCount = syntheticCount;
		this.nodeCount = nodeCount;
		this.edgeCount = edgeCount;
	}

	/**
	 * Numbers the nodes once reachability is known, adding the categories of the tops that
	 * no root reaches.
	 * @param graph the linked graph, its flags final
	 * @param categories the categories, to which those of the tops are added
	 * @param directory where the index of the kept nodes goes
	 * @return the numbering
	 */
	static NodeNumbering number(LinkedGraph graph, List<CategoryNode> categories, Path directory)
			throws IOException {
		long count = graph.nodeCount();
		MappedBuffer flags = graph.flags();
		RankedBitSet kept = new RankedBitSet(directory, count);
		long folded = 0;
		long unreachable = 0;
		long weak = 0;
		for (long i = 0; i < count; i++) {
			byte f = flags.getByte(i);
			if (NodeFlags.folded(f)) {
				folded++;
				continue;
			}
			kept.add(i);
			if (NodeFlags.top(f)) {
				if ((f & NodeFlags.WEAK) != 0) {
					weak++;
				}
				else {
					unreachable++;
				}
			}
		}
		if (unreachable > 0) {
			categories.add(new CategoryNode(RootCategory.UNREACHABLE, unreachable));
		}
		if (weak > 0) {
			categories.add(new CategoryNode(RootCategory.WEAKLY_REACHABLE, weak));
		}
		kept.finish(count);
		long syntheticCount = 2 + categories.size();
		long edges = 1 + categories.size();
		for (CategoryNode category : categories) {
			edges += category.count;
		}
		return new NodeNumbering(kept, syntheticCount, syntheticCount + kept.size(),
				edges + graph.edgeCount() - folded);
	}

	long syntheticCount() {
		return this.syntheticCount;
	}

	long nodeCount() {
		return this.nodeCount;
	}

	long edgeCount() {
		return this.edgeCount;
	}

	/**
	 * Returns whether a node is in the snapshot.
	 * @param raw the node's raw ordinal
	 * @return whether it does not fold into its String
	 */
	boolean contains(long raw) {
		return this.kept.contains(raw);
	}

	/**
	 * Returns where a kept node's fields start, as edges point at it.
	 * @param raw the node's raw ordinal
	 * @return the index of its first field in the nodes array
	 */
	long target(long raw) {
		return (this.syntheticCount + this.kept.rank(raw)) * SnapshotFormat.NODE_FIELD_COUNT;
	}

	@Override
	public void close() throws IOException {
		this.kept.close();
	}

}
