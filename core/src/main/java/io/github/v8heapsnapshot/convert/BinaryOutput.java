package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends ints to a temporary file through a buffer: the node and edge records that one
 * pass produces and a later pass reads back in order.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class BinaryOutput implements Closeable {

	private final Path file;

	private final FileChannel channel;

	private final ByteBuffer buffer;

	BinaryOutput(Path file, int bufferSize) throws IOException {
		this.file = file;
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		this.buffer = ByteBuffer.allocateDirect(bufferSize).order(ByteOrder.nativeOrder());
	}

	Path file() {
		return this.file;
	}

	void putInt(int value) throws IOException {
		if (this.buffer.remaining() < 4) {
			flush();
		}
		this.buffer.putInt(value);
	}

	void putInts(int a, int b) throws IOException {
		if (this.buffer.remaining() < 8) {
			flush();
		}
		this.buffer.putInt(a).putInt(b);
	}

	void putInts(int a, int b, int c) throws IOException {
		if (this.buffer.remaining() < 12) {
			flush();
		}
		this.buffer.putInt(a).putInt(b).putInt(c);
	}

	void putInts(int a, int b, int c, int d) throws IOException {
		if (this.buffer.remaining() < 16) {
			flush();
		}
		this.buffer.putInt(a).putInt(b).putInt(c).putInt(d);
	}

	void putLong(long value) throws IOException {
		if (this.buffer.remaining() < 8) {
			flush();
		}
		this.buffer.putLong(value);
	}

	void putBytes(byte[] bytes, int offset, int length) throws IOException {
		int done = 0;
		while (done < length) {
			if (!this.buffer.hasRemaining()) {
				flush();
			}
			int count = Math.min(length - done, this.buffer.remaining());
			this.buffer.put(bytes, offset + done, count);
			done += count;
		}
	}

	private void flush() throws IOException {
		this.buffer.flip();
		while (this.buffer.hasRemaining()) {
			this.channel.write(this.buffer);
		}
		this.buffer.clear();
	}

	@Override
	public void close() throws IOException {
		try {
			flush();
		}
		finally {
			this.channel.close();
		}
	}

}
