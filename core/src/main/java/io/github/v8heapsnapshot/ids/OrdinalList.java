package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * A growing list of node ordinals off the Java heap, also used as a stack.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class OrdinalList implements Closeable {

	private final MappedBuffer ordinals;

	private long size;

	OrdinalList(Path directory, String name) throws IOException {
		this.ordinals = MappedBuffer.create(directory, name, 1 << 16);
	}

	long size() {
		return this.size;
	}

	void add(long ordinal) throws IOException {
		long offset = this.size * 4;
		if (offset + 4 > this.ordinals.capacity()) {
			this.ordinals.ensureCapacity(2 * this.ordinals.capacity());
		}
		this.ordinals.putInt(offset, (int) ordinal);
		this.size++;
	}

	long get(long index) {
		return Integer.toUnsignedLong(this.ordinals.getInt(index * 4));
	}

	long removeLast() {
		return get(--this.size);
	}

	@Override
	public void close() throws IOException {
		this.ordinals.close();
	}

}
