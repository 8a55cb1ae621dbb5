package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * References kept aside to read again, off the Java heap: each as its source, the key of
 * its name and its target.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class EdgeList implements Closeable {

	private static final int EDGE = 12;

	private final MappedBuffer edges;

	private long size;

	EdgeList(Path directory, String name) throws IOException {
		this.edges = MappedBuffer.create(directory, name, 1 << 16);
	}

	long size() {
		return this.size;
	}

	void add(long source, int name, long target) throws IOException {
		long offset = this.size * EDGE;
		if (offset + EDGE > this.edges.capacity()) {
			this.edges.ensureCapacity(2 * this.edges.capacity());
		}
		put(offset, source, name, target);
		this.size++;
	}

	/**
	 * Reads the references in the order they were added.
	 */
	void forEach(ObjectGraph.EdgeVisitor visitor) throws IOException {
		for (long offset = 0; offset < this.size * EDGE; offset += EDGE) {
			visitor.edge(source(offset), this.edges.getInt(offset + 4), target(offset));
		}
	}

	/**
	 * Reads the references, keeping those the filter accepts, in place.
	 */
	void retain(Filter filter) {
		long kept = 0;
		for (long offset = 0; offset < this.size * EDGE; offset += EDGE) {
			long source = source(offset);
			int name = this.edges.getInt(offset + 4);
			long target = target(offset);
			if (filter.keep(source, name, target)) {
				put(kept * EDGE, source, name, target);
				kept++;
			}
		}
		this.size = kept;
	}

	private long source(long offset) {
		return Integer.toUnsignedLong(this.edges.getInt(offset));
	}

	private long target(long offset) {
		return Integer.toUnsignedLong(this.edges.getInt(offset + 8));
	}

	private void put(long offset, long source, int name, long target) {
		this.edges.putInt(offset, (int) source);
		this.edges.putInt(offset + 4, name);
		this.edges.putInt(offset + 8, (int) target);
	}

	@Override
	public void close() throws IOException {
		this.edges.close();
	}

	/**
	 * Decides which references to keep.
	 */
	@FunctionalInterface
	interface Filter {

		boolean keep(long source, int name, long target);

	}

}
