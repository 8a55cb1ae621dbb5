package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The edges a link worker linked, in node order, as many per node as its node record
 * counts: the V8 edge type, the name (an index in the strings table, or the element index)
 * and the target's raw ordinal.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class EdgeRecords extends RecordFile {

	private static final int BUFFER_SIZE = 1 << 20;

	EdgeRecords(Path file) throws IOException {
		super(file, 3, BUFFER_SIZE);
	}

	void add(int type, int name, int target) throws IOException {
		append(type, name, target);
	}

	/**
	 * Reads the records in order.
	 * @return a cursor before the first record
	 */
	Cursor cursor() throws IOException {
		return new Cursor(this);
	}

	/**
	 * An edge record at a time.
	 */
	static final class Cursor extends RecordFile.Cursor {

		private int type;

		private int name;

		private int target;

		Cursor(EdgeRecords records) throws IOException {
			super(records, 0, BUFFER_SIZE);
		}

		boolean next() throws IOException {
			if (!advance()) {
				return false;
			}
			ByteBuffer buffer = buffer();
			this.type = buffer.getInt();
			this.name = buffer.getInt();
			this.target = buffer.getInt();
			return true;
		}

		int type() {
			return this.type;
		}

		int name() {
			return this.name;
		}

		long target() {
			return Integer.toUnsignedLong(this.target);
		}

	}

}
