package io.github.v8heapsnapshot.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes ASCII text, mostly non-negative decimal integers, through a large byte array into a
 * channel. Formatting integers by hand, two digits at a time, is what keeps writing a
 * snapshot of millions of nodes cheap.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class AsciiWriter implements Closeable {

	private static final byte[] TENS = new byte[100];

	private static final byte[] ONES = new byte[100];

	static {
		for (int i = 0; i < 100; i++) {
			TENS[i] = (byte) ('0' + i / 10);
			ONES[i] = (byte) ('0' + i % 10);
		}
	}

	private final WritableByteChannel channel;

	private final byte[] buffer;

	private final ByteBuffer wrapper;

	private int count;

	private long flushed;

	/**
	 * Creates a writer.
	 * @param channel where the text goes, from its current position
	 * @param bufferSize the buffer size, at least 64 bytes
	 */
	public AsciiWriter(WritableByteChannel channel, int bufferSize) {
		this.channel = channel;
		this.buffer = new byte[Math.max(64, bufferSize)];
		this.wrapper = ByteBuffer.wrap(this.buffer);
	}

	/**
	 * Returns the number of bytes written so far, buffered ones included.
	 * @return the byte count
	 */
	public long size() {
		return this.flushed + this.count;
	}

	/**
	 * Writes a non-negative integer in decimal.
	 * @param value the value, at least 0
	 * @throws IOException if the channel fails
	 */
	public void number(long value) throws IOException {
		if (this.count > this.buffer.length - 20) {
			flushBuffer();
		}
		if (value <= Integer.MAX_VALUE) {
			this.count = putInt((int) value, this.buffer, this.count);
		}
		else {
			byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(digits, 0, this.buffer, this.count, digits.length);
			this.count += digits.length;
		}
	}

	/**
	 * Writes a comma, then a non-negative integer.
	 * @param value the value, at least 0
	 * @throws IOException if the channel fails
	 */
	public void commaNumber(long value) throws IOException {
		if (this.count > this.buffer.length - 21) {
			flushBuffer();
		}
		this.buffer[this.count++] = ',';
		number(value);
	}

	static int putInt(int value, byte[] target, int position) {
		if (value < 10) {
			target[position] = (byte) ('0' + value);
			return position + 1;
		}
		int end = position + digits(value);
		int at = end;
		int v = value;
		while (v >= 100) {
			int q = v / 100;
			int r = v - q * 100;
			target[--at] = ONES[r];
			target[--at] = TENS[r];
			v = q;
		}
		if (v >= 10) {
			target[--at] = ONES[v];
			target[--at] = TENS[v];
		}
		else {
			target[--at] = (byte) ('0' + v);
		}
		return end;
	}

	private static int digits(int value) {
		if (value < 100000) {
			if (value < 100) {
				return (value < 10) ? 1 : 2;
			}
			return (value < 1000) ? 3 : (value < 10000) ? 4 : 5;
		}
		if (value < 100000000) {
			return (value < 1000000) ? 6 : (value < 10000000) ? 7 : 8;
		}
		return (value < 1000000000) ? 9 : 10;
	}

	/**
	 * Writes one ASCII character.
	 * @param c the character
	 * @throws IOException if the channel fails
	 */
	public void write(char c) throws IOException {
		if (this.count == this.buffer.length) {
			flushBuffer();
		}
		this.buffer[this.count++] = (byte) c;
	}

	/**
	 * Writes ASCII text.
	 * @param text the text, only ASCII characters
	 * @throws IOException if the channel fails
	 */
	public void write(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		write(bytes, 0, bytes.length);
	}

	/**
	 * Writes bytes.
	 * @param bytes the bytes
	 * @param offset the first byte
	 * @param length how many
	 * @throws IOException if the channel fails
	 */
	public void write(byte[] bytes, int offset, int length) throws IOException {
		if (length > this.buffer.length - this.count) {
			flushBuffer();
			if (length > this.buffer.length) {
				drain(ByteBuffer.wrap(bytes, offset, length));
				this.flushed += length;
				return;
			}
		}
		System.arraycopy(bytes, offset, this.buffer, this.count, length);
		this.count += length;
	}

	/**
	 * Writes the buffered bytes to the channel.
	 * @throws IOException if the channel fails
	 */
	public void flushBuffer() throws IOException {
		this.wrapper.clear().limit(this.count);
		drain(this.wrapper);
		this.flushed += this.count;
		this.count = 0;
	}

	private void drain(ByteBuffer source) throws IOException {
		while (source.hasRemaining()) {
			this.channel.write(source);
		}
	}

	/**
	 * Flushes; the channel stays open.
	 * @throws IOException if the channel fails
	 */
	@Override
	public void close() throws IOException {
		flushBuffer();
	}

}
