package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The strong edges of a link worker's nodes, for the reachability search: the targets'
 * raw ordinals in node order, and per node the number of strong edges up to and including
 * its own.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class StrongEdges implements Closeable {

	private static final int BUFFER_SIZE = 1 << 20;

	private final BinaryOutput targets;

	private final BinaryOutput ends;

	private long count;

	StrongEdges(Path targets, Path ends) throws IOException {
		Closer closer = new Closer();
		try {
			this.targets = closer.add(new BinaryOutput(targets, BUFFER_SIZE));
			this.ends = closer.add(new BinaryOutput(ends, BUFFER_SIZE));
		}
		catch (IOException | RuntimeException ex) {
			closer.close();
			throw ex;
		}
	}

	/**
	 * Adds a strong edge of the current node.
	 * @param target the target's raw ordinal
	 */
	void add(long target) throws IOException {
		this.targets.putInt((int) target);
		this.count++;
	}

	/**
	 * Ends the current node: the edges added since the last call are its own.
	 */
	void endNode() throws IOException {
		this.ends.putInt((int) this.count);
	}

	/**
	 * Maps the edges for reading; closing the reader deletes the files.
	 * @return the reader
	 */
	Reader reader() throws IOException {
		Closer closer = new Closer();
		try {
			return new Reader(closer.add(MappedBuffer.openReadOnly(this.targets.file())),
					closer.add(MappedBuffer.openReadOnly(this.ends.file())));
		}
		catch (IOException | RuntimeException ex) {
			closer.close();
			throw ex;
		}
	}

	/**
	 * Flushes the edges; they can be read from then on.
	 */
	@Override
	public void close() throws IOException {
		try (BinaryOutput endOutput = this.ends) {
			this.targets.close();
		}
	}

	/**
	 * The strong edges of a node by its index in the worker's nodes.
	 */
	static final class Reader implements Closeable {

		private final MappedBuffer targets;

		private final MappedBuffer ends;

		private Reader(MappedBuffer targets, MappedBuffer ends) {
			this.targets = targets;
			this.ends = ends;
		}

		/**
		 * Returns the index of a node's first strong edge.
		 * @param node the index of the node in its worker's nodes
		 * @return the index of its first edge
		 */
		long start(long node) {
			return (node == 0) ? 0 : end(node - 1);
		}

		/**
		 * Returns the index after a node's last strong edge.
		 * @param node the index of the node in its worker's nodes
		 * @return the index after its last edge
		 */
		long end(long node) {
			return Integer.toUnsignedLong(this.ends.getInt(node * 4));
		}

		long target(long edge) {
			return Integer.toUnsignedLong(this.targets.getInt(edge * 4));
		}

		@Override
		public void close() throws IOException {
			try (MappedBuffer endBuffer = this.ends) {
				this.targets.close();
			}
		}

	}

}
