package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * A temporary file of records of a fixed number of ints that one pass appends and later
 * passes read back, in order with a {@link Cursor} or mapped. Its subclasses own the
 * layout of one kind of record.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
abstract class RecordFile implements Closeable {

	private final int ints;

	private final BinaryOutput output;

	private long count;

	RecordFile(Path file, int ints, int bufferSize) throws IOException {
		this.ints = ints;
		this.output = new BinaryOutput(file, bufferSize);
	}

	final void append(int a, int b) throws IOException {
		this.output.putInts(a, b);
		this.count++;
	}

	final void append(int a, int b, int c) throws IOException {
		this.output.putInts(a, b, c);
		this.count++;
	}

	final void append(int a, int b, int c, int d) throws IOException {
		this.output.putInts(a, b, c, d);
		this.count++;
	}

	/**
	 * Returns how many records were appended.
	 * @return the record count
	 */
	final long count() {
		return this.count;
	}

	final Path file() {
		return this.output.file();
	}

	/**
	 * Maps the records for reading; closing the mapping deletes the file.
	 * @return the mapping, {@code 4 * ints} bytes per record
	 */
	final MappedBuffer map() throws IOException {
		return MappedBuffer.openReadOnly(file());
	}

	/**
	 * Finds a record by its first int, where records are in ascending order of it.
	 * @param records the records, mapped
	 * @param count how many records
	 * @param recordBytes the size of a record
	 * @param value the first int sought, unsigned
	 * @return the index of the record, or -1
	 */
	static long search(MappedBuffer records, long count, int recordBytes, long value) {
		long low = 0;
		long high = count - 1;
		while (low <= high) {
			long middle = (low + high) >>> 1;
			long found = Integer.toUnsignedLong(records.getInt(middle * recordBytes));
			if (found < value) {
				low = middle + 1;
			}
			else if (found > value) {
				high = middle - 1;
			}
			else {
				return middle;
			}
		}
		return -1;
	}

	final BinaryInput input(long first, int bufferSize) throws IOException {
		return new BinaryInput(file(), bufferSize, first * 4 * this.ints);
	}

	/**
	 * Flushes the records; they can be read from then on.
	 */
	@Override
	public void close() throws IOException {
		this.output.close();
	}

	/**
	 * Reads the records of a file in order, one at a time into the fields of its
	 * subclass: no object per record.
	 */
	abstract static class Cursor implements Closeable {

		private final BinaryInput input;

		private final int ints;

		Cursor(RecordFile records, long first, int bufferSize) throws IOException {
			this.input = records.input(first, bufferSize);
			this.ints = records.ints;
		}

		/**
		 * Makes the next record's ints available in the {@link #buffer()}.
		 * @return whether there is a next record
		 */
		final boolean advance() throws IOException {
			return this.input.ensure(this.ints);
		}

		final ByteBuffer buffer() {
			return this.input.buffer();
		}

		@Override
		public void close() throws IOException {
			this.input.close();
		}

	}

}
