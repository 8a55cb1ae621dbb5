package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The Strings a link worker linked, kept when secrets are masked, in raw ordinal order:
 * the String's raw ordinal, its value array's (-1 without one) and its coder.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class StringRecords extends RecordFile {

	private static final int RECORD = 12;

	StringRecords(Path file) throws IOException {
		super(file, 3, 1 << 16);
	}

	void add(int string, int valueArray, int coder) throws IOException {
		append(string, valueArray, coder);
	}

	/**
	 * Maps the records for reading by index; closing the reader deletes the file.
	 * @return the reader
	 */
	Reader reader() throws IOException {
		return new Reader(map());
	}

	/**
	 * The records by index, and a String's by its raw ordinal.
	 */
	static final class Reader implements Closeable {

		private final MappedBuffer records;

		private Reader(MappedBuffer records) {
			this.records = records;
		}

		long count() {
			return this.records.capacity() / RECORD;
		}

		long string(long index) {
			return Integer.toUnsignedLong(this.records.getInt(index * RECORD));
		}

		int valueArray(long index) {
			return this.records.getInt(index * RECORD + 4);
		}

		int coder(long index) {
			return this.records.getInt(index * RECORD + 8);
		}

		/**
		 * Finds the record of a String.
		 * @param string the String's raw ordinal
		 * @return the index of its record, or -1
		 */
		long find(long string) {
			return RecordFile.search(this.records, count(), RECORD, string);
		}

		@Override
		public void close() throws IOException {
			this.records.close();
		}

	}

}
