package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The heap dump as the link pass leaves it: every node numbered by raw ordinal (see
 * {@link LinkContext}), split in consecutive ranges, one per link worker, each with its own
 * records, and the nodes' flags merged into one buffer.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class LinkedGraph implements Closeable {

	private final List<LinkedRange> ranges;

	private final long[] firstOrdinals;

	private final long nodeCount;

	private LinkedGraph(List<LinkedRange> ranges, long nodeCount) {
		this.ranges = ranges;
		this.firstOrdinals = ranges.stream().mapToLong(LinkedRange::firstOrdinal).toArray();
		this.nodeCount = nodeCount;
	}

	/**
	 * Joins the ranges the link workers finished, merging their flags into the first's.
	 * @param ranges the ranges, in ordinal order
	 * @param nodeCount the number of raw ordinals
	 * @return the graph, which closes the ranges
	 */
	static LinkedGraph join(List<LinkedRange> ranges, long nodeCount) throws IOException {
		MappedBuffer flags = ranges.get(0).flags();
		for (LinkedRange range : ranges.subList(1, ranges.size())) {
			MappedBuffer other = range.flags();
			for (long i = 0; i < nodeCount; i++) {
				byte b = other.getByte(i);
				if (b != 0) {
					flags.putByte(i, NodeFlags.merge(flags.getByte(i), b));
				}
			}
			other.close();
		}
		return new LinkedGraph(List.copyOf(ranges), nodeCount);
	}

	long nodeCount() {
		return this.nodeCount;
	}

	/**
	 * Returns the flags of every node.
	 * @return one byte per raw ordinal, see {@link NodeFlags}
	 */
	MappedBuffer flags() {
		return this.ranges.get(0).flags();
	}

	/**
	 * Returns the ranges.
	 * @return the ranges, in ordinal order
	 */
	List<LinkedRange> ranges() {
		return this.ranges;
	}

	/**
	 * Returns the range a node belongs to.
	 * @param ordinal the node's raw ordinal
	 * @return the index of its range in {@link #ranges()}
	 */
	int owner(long ordinal) {
		int range = this.firstOrdinals.length - 1;
		while (range > 0 && ordinal < this.firstOrdinals[range]) {
			range--;
		}
		return range;
	}

	/**
	 * Returns where a node is in the records of its range.
	 * @param ordinal the node's raw ordinal
	 * @param range the index of its range, see {@link #owner(long)}
	 * @return the index of its node record
	 */
	long local(long ordinal, int range) {
		return ordinal - this.firstOrdinals[range];
	}

	/**
	 * Returns the number of edges the records hold.
	 * @return the count
	 */
	long edgeCount() {
		long count = 0;
		for (LinkedRange range : this.ranges) {
			count += range.edges().count();
		}
		return count;
	}

	/**
	 * Returns the number of String nodes.
	 * @return the count
	 */
	long stringCount() {
		long count = 0;
		for (LinkedRange range : this.ranges) {
			count += range.nodes().count(NodeHead.STRING);
		}
		return count;
	}

	/**
	 * Deletes the kept prefixes once every String is named.
	 */
	void releaseText() throws IOException {
		for (LinkedRange range : this.ranges) {
			range.text().release();
		}
	}

	@Override
	public void close() throws IOException {
		try (Closer closer = new Closer()) {
			this.ranges.forEach(closer::add);
		}
	}

}
