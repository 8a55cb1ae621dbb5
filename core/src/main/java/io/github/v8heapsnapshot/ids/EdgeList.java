package io.github.v8heapsnapshot.ids;

import java.io.IOException;
import java.nio.file.Path;

/**
 * References kept aside to read again, off the Java heap: each as its source, the key of
 * its name and its target, added in ascending order of source, so that the references of a
 * source can be found again.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class EdgeList extends AppendedRecords {

	private static final int EDGE = 12;

	EdgeList(Path directory, String name) throws IOException {
		super(directory, name, EDGE);
	}

	void add(long source, int name, long target) throws IOException {
		long offset = append();
		this.records.putInt(offset, (int) source);
		this.records.putInt(offset + 4, name);
		this.records.putInt(offset + 8, (int) target);
	}

	/**
	 * Reads the references in the order they were added.
	 */
	void forEach(ObjectGraph.EdgeVisitor visitor) throws IOException {
		for (long offset = 0; offset < size() * EDGE; offset += EDGE) {
			visitor.edge(source(offset), this.records.getInt(offset + 4), target(offset));
		}
	}

	/**
	 * Reads the references of one source.
	 */
	void forEachOf(long source, ObjectGraph.EdgeVisitor visitor) throws IOException {
		long low = 0;
		long high = size();
		while (low < high) {
			long middle = (low + high) >>> 1;
			if (source(middle * EDGE) < source) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		for (long offset = low * EDGE; offset < size() * EDGE && source(offset) == source; offset += EDGE) {
			visitor.edge(source, this.records.getInt(offset + 4), target(offset));
		}
	}

	private long source(long offset) {
		return Integer.toUnsignedLong(this.records.getInt(offset));
	}

	private long target(long offset) {
		return Integer.toUnsignedLong(this.records.getInt(offset + 8));
	}

}
