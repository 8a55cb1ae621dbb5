package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The map entries a link worker found, kept when secrets are masked: the raw ordinals of
 * the key and of the value.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class EntryRecords extends RecordFile {

	private static final int BUFFER_SIZE = 1 << 16;

	EntryRecords(Path file) throws IOException {
		super(file, 2, BUFFER_SIZE);
	}

	void add(int key, int value) throws IOException {
		append(key, value);
	}

	/**
	 * Reads the records in order.
	 * @return a cursor before the first record
	 */
	Cursor cursor() throws IOException {
		return new Cursor(this);
	}

	/**
	 * An entry at a time.
	 */
	static final class Cursor extends RecordFile.Cursor {

		private int key;

		private int value;

		Cursor(EntryRecords records) throws IOException {
			super(records, 0, BUFFER_SIZE);
		}

		boolean next() throws IOException {
			if (!advance()) {
				return false;
			}
			ByteBuffer buffer = buffer();
			this.key = buffer.getInt();
			this.value = buffer.getInt();
			return true;
		}

		long key() {
			return Integer.toUnsignedLong(this.key);
		}

		long value() {
			return Integer.toUnsignedLong(this.value);
		}

	}

}
