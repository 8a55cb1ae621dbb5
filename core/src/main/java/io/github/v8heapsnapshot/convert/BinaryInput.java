package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads back, in order, the ints a {@link BinaryOutput} wrote.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class BinaryInput implements Closeable {

	private final FileChannel channel;

	private final ByteBuffer buffer;

	/**
	 * Reads from a position on.
	 * @param file the file
	 * @param bufferSize the size of the buffer
	 * @param position the offset of the first int to read
	 */
	BinaryInput(Path file, int bufferSize, long position) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.READ).position(position);
		this.buffer = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.nativeOrder());
		this.buffer.limit(0);
	}

	/**
	 * Makes the next ints available in {@link #buffer()}.
	 * @param count how many ints
	 * @return whether they are there
	 */
	boolean ensure(int count) throws IOException {
		int bytes = count * 4;
		if (this.buffer.remaining() >= bytes) {
			return true;
		}
		this.buffer.compact();
		while (this.buffer.position() < bytes) {
			if (this.channel.read(this.buffer) < 0) {
				this.buffer.flip();
				return false;
			}
		}
		this.buffer.flip();
		return true;
	}

	ByteBuffer buffer() {
		return this.buffer;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
