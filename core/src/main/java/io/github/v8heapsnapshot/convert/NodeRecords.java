package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The nodes a link worker linked, one record per node in raw ordinal order: its
 * {@link NodeHead}, shallow size, edge count and, for a String, the raw ordinal of its
 * value array (-1 without one; 0 for the other kinds).
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class NodeRecords extends RecordFile {

	private static final int BUFFER_SIZE = 1 << 20;

	private final long[] kindCounts = new long[NodeHead.KINDS];

	NodeRecords(Path file) throws IOException {
		super(file, 4, BUFFER_SIZE);
	}

	void add(int head, int size, int edgeCount, int valueArray) throws IOException {
		append(head, size, edgeCount, valueArray);
		this.kindCounts[NodeHead.kind(head)]++;
	}

	/**
	 * Returns how many nodes of a kind were added.
	 * @param kind one of the kinds of {@link NodeHead}
	 * @return the count
	 */
	long count(int kind) {
		return this.kindCounts[kind];
	}

	/**
	 * Reads the records in order.
	 * @return a cursor before the first record
	 */
	Cursor cursor() throws IOException {
		return new Cursor(this, 0, BUFFER_SIZE);
	}

	/**
	 * Reads one record.
	 * @param index the index of the record in this file
	 * @return a cursor before the record
	 */
	Cursor cursorAt(long index) throws IOException {
		return new Cursor(this, index, 16);
	}

	/**
	 * A node record at a time.
	 */
	static final class Cursor extends RecordFile.Cursor {

		private int head;

		private int size;

		private int edgeCount;

		private int valueArray;

		Cursor(NodeRecords records, long first, int bufferSize) throws IOException {
			super(records, first, bufferSize);
		}

		boolean next() throws IOException {
			if (!advance()) {
				return false;
			}
			ByteBuffer buffer = buffer();
			this.head = buffer.getInt();
			this.size = buffer.getInt();
			this.edgeCount = buffer.getInt();
			this.valueArray = buffer.getInt();
			return true;
		}

		int kind() {
			return NodeHead.kind(this.head);
		}

		/**
		 * Returns the reference of the {@link NodeHead}.
		 * @return a class index, a String's coder or a primitive array's element type
		 */
		int ref() {
			return NodeHead.ref(this.head);
		}

		/**
		 * Returns the shallow size, capped at {@code SnapshotFormat.MAX_SIZE}.
		 * @return the size
		 */
		long size() {
			return Integer.toUnsignedLong(this.size);
		}

		int edgeCount() {
			return this.edgeCount;
		}

		/**
		 * Returns a String's value array.
		 * @return its raw ordinal, or -1 for a String without one
		 */
		int valueArray() {
			return this.valueArray;
		}

	}

}
