package io.github.v8heapsnapshot.v8;

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
		this.count = putLong(value, this.buffer, this.count);
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

	/**
	 * Writes a line break, a comma and a node record of the V8 layout:
	 * {@code type,name,id,self_size,edge_count,0,0}.
	 * @param type the node type
	 * @param name the name's strings index
	 * @param id the node id
	 * @param size the self size
	 * @param edges the edge count
	 * @throws IOException if the channel fails
	 */
	public void node(int type, int name, long id, long size, int edges) throws IOException {
		if (this.count > this.buffer.length - 80) {
			flushBuffer();
		}
		byte[] b = this.buffer;
		int at = this.count;
		b[at++] = '\n';
		b[at++] = ',';
		at = putInt(type, b, at);
		b[at++] = ',';
		at = putInt(name, b, at);
		b[at++] = ',';
		at = putLong(id, b, at);
		b[at++] = ',';
		at = putLong(size, b, at);
		b[at++] = ',';
		at = putInt(edges, b, at);
		b[at++] = ',';
		b[at++] = '0';
		b[at++] = ',';
		b[at++] = '0';
		this.count = at;
	}

	/**
	 * Writes a line break, a comma and an edge record of the V8 layout:
	 * {@code type,name_or_index,to_node}.
	 * @param type the edge type
	 * @param name the name's strings index, or the element index
	 * @param toNode the target's offset in the nodes array
	 * @throws IOException if the channel fails
	 */
	public void edge(int type, long name, long toNode) throws IOException {
		if (this.count > this.buffer.length - 48) {
			flushBuffer();
		}
		byte[] b = this.buffer;
		int at = this.count;
		b[at++] = '\n';
		b[at++] = ',';
		at = putInt(type, b, at);
		b[at++] = ',';
		at = putLong(name, b, at);
		b[at++] = ',';
		this.count = putLong(toNode, b, at);
	}

	private static int putLong(long value, byte[] target, int position) {
		if (value <= Integer.MAX_VALUE) {
			return putInt((int) value, target, position);
		}
		long high = value / 1_000_000_000L;
		int low = (int) (value - high * 1_000_000_000L);
		int at = putLong(high, target, position);
		for (int divisor = 100_000_000; divisor > 0; divisor /= 10) {
			target[at++] = (byte) ('0' + (low / divisor) % 10);
		}
		return at;
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
