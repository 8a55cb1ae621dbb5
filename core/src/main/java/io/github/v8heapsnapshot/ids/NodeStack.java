package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * A stack of node ordinals, off the Java heap.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class NodeStack implements Closeable {

	private final MappedBuffer ordinals;

	private long size;

	NodeStack(Path directory) throws IOException {
		this.ordinals = MappedBuffer.create(directory, "node-stack", 1 << 16);
	}

	long size() {
		return this.size;
	}

	void push(long ordinal) throws IOException {
		long offset = this.size * 4;
		if (offset + 4 > this.ordinals.capacity()) {
			this.ordinals.ensureCapacity(2 * this.ordinals.capacity());
		}
		this.ordinals.putInt(offset, (int) ordinal);
		this.size++;
	}

	long pop() {
		return Integer.toUnsignedLong(this.ordinals.getInt(--this.size * 4));
	}

	@Override
	public void close() throws IOException {
		this.ordinals.close();
	}

}
