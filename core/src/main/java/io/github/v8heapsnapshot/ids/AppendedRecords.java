package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Records of one size appended to a memory-mapped temporary file, off the Java heap.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
abstract class AppendedRecords implements Closeable {

	protected final MappedBuffer records;

	private final int recordSize;

	private long size;

	AppendedRecords(Path directory, String name, int recordSize) throws IOException {
		this.records = MappedBuffer.create(directory, name, 1 << 16);
		this.recordSize = recordSize;
	}

	long size() {
		return this.size;
	}

	/**
	 * Makes room for one more record at the end.
	 * @return the offset of the new record
	 */
	protected long append() throws IOException {
		long offset = this.size * this.recordSize;
		if (offset + this.recordSize > this.records.capacity()) {
			this.records.ensureCapacity(2 * this.records.capacity());
		}
		this.size++;
		return offset;
	}

	/**
	 * Drops the last record.
	 * @return its offset
	 */
	protected long removeLast() {
		return --this.size * this.recordSize;
	}

	@Override
	public void close() throws IOException {
		this.records.close();
	}

}
