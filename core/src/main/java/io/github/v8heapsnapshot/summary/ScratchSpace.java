package io.github.v8heapsnapshot.summary;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Arrays in memory-mapped files of a private temporary directory, so that per-node and
 * per-edge data stay out of the Java heap. Each array can be released as soon as it is no
 * longer needed; {@link #close()} releases the rest and deletes the directory.
 *
 * @author v8heapsnapshot developers
 */
final class ScratchSpace implements Closeable {

	private final Path directory;

	private final List<MappedBuffer> buffers = new ArrayList<>();

	ScratchSpace(Path parent) throws IOException {
		this.directory = Files.createTempDirectory(parent, "v8heapsnapshot-summary-");
	}

	Ints ints(String name, long length) throws IOException {
		return new Ints(buffer(name, length * Integer.BYTES));
	}

	Longs longs(String name, long length) throws IOException {
		return new Longs(buffer(name, length * Long.BYTES));
	}

	Bytes bytes(String name, long length) throws IOException {
		return new Bytes(buffer(name, length));
	}

	private MappedBuffer buffer(String name, long capacity) throws IOException {
		MappedBuffer buffer = MappedBuffer.create(this.directory, name, Math.max(capacity, 8));
		this.buffers.add(buffer);
		return buffer;
	}

	void release(Array array) throws IOException {
		if (this.buffers.remove(array.buffer)) {
			array.buffer.close();
		}
	}

	@Override
	public void close() throws IOException {
		IOException failure = null;
		for (MappedBuffer buffer : this.buffers) {
			try {
				buffer.close();
			}
			catch (IOException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		this.buffers.clear();
		Files.deleteIfExists(this.directory);
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * An array over one mapped buffer.
	 */
	abstract static class Array {

		final MappedBuffer buffer;

		Array(MappedBuffer buffer) {
			this.buffer = buffer;
		}

	}

	/**
	 * An array of {@code int}s, all zero at first.
	 */
	static final class Ints extends Array {

		Ints(MappedBuffer buffer) {
			super(buffer);
		}

		int get(long index) {
			return this.buffer.getInt(index << 2);
		}

		void set(long index, int value) {
			this.buffer.putInt(index << 2, value);
		}

		void ensureLength(long length) throws IOException {
			this.buffer.ensureCapacity(length << 2);
		}

	}

	/**
	 * An array of {@code long}s, all zero at first.
	 */
	static final class Longs extends Array {

		Longs(MappedBuffer buffer) {
			super(buffer);
		}

		long get(long index) {
			return this.buffer.getLong(index << 3);
		}

		void set(long index, long value) {
			this.buffer.putLong(index << 3, value);
		}

		void ensureLength(long length) throws IOException {
			this.buffer.ensureCapacity(length << 3);
		}

	}

	/**
	 * An array of {@code byte}s, all zero at first.
	 */
	static final class Bytes extends Array {

		Bytes(MappedBuffer buffer) {
			super(buffer);
		}

		byte get(long index) {
			return this.buffer.getByte(index);
		}

		void set(long index, byte value) {
			this.buffer.putByte(index, value);
		}

	}

}
