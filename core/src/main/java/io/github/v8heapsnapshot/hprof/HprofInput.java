package io.github.v8heapsnapshot.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads an HPROF file forward through a large direct buffer with positional reads, so that
 * several inputs can read one channel from different threads. Values are big-endian. Reads
 * are checked against a limit (the end of the current record or the file) and fail with an
 * {@link HprofFormatException} naming the offset.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HprofInput {

	private final FileChannel channel;

	private final long fileSize;

	private final ByteBuffer buffer;

	private final int idSize;

	private long bufferStart;

	private long limit;

	/**
	 * Creates an input positioned at the start of the file.
	 * @param channel the file
	 * @param fileSize the size of the file
	 * @param bufferSize the buffer capacity, the largest span {@link #require} can provide
	 * @param idSize the identifier size, 4 or 8
	 */
	public HprofInput(FileChannel channel, long fileSize, int bufferSize, int idSize) {
		this.channel = channel;
		this.fileSize = fileSize;
		// No span of a small file needs more than the file
		this.buffer = ByteBuffer.allocateDirect((int) Math.min(bufferSize, Math.max(64, fileSize)));
		this.buffer.limit(0);
		this.idSize = idSize;
		this.limit = fileSize;
	}

	/**
	 * Returns the identifier size.
	 * @return 4 or 8
	 */
	public int idSize() {
		return this.idSize;
	}

	/**
	 * Returns the size of the file.
	 * @return the size in bytes
	 */
	public long fileSize() {
		return this.fileSize;
	}

	/**
	 * Returns the file offset of the next byte to read.
	 * @return the position
	 */
	public long position() {
		return this.bufferStart + this.buffer.position();
	}

	/**
	 * Returns how many bytes are left before the limit.
	 * @return the bytes left
	 */
	public long remaining() {
		return this.limit - position();
	}

	/**
	 * Sets the offset that reads must not pass.
	 * @param limit the end of the current record, at most the file size
	 */
	public void limit(long limit) {
		this.limit = Math.min(limit, this.fileSize);
	}

	/**
	 * Moves to a file offset.
	 * @param position the new position
	 */
	public void seek(long position) {
		long relative = position - this.bufferStart;
		if (relative >= 0 && relative <= this.buffer.limit()) {
			this.buffer.position((int) relative);
		}
		else {
			this.bufferStart = position;
			this.buffer.clear();
			this.buffer.limit(0);
		}
	}

	/**
	 * Skips bytes.
	 * @param count how many
	 */
	public void skip(long count) {
		seek(position() + count);
	}

	/**
	 * Makes the next bytes available in {@link #buffer()} from its position, failing if they
	 * pass the limit.
	 * @param count how many bytes, at most the buffer capacity
	 * @param record the record being read, for the message
	 * @param recordOffset the offset of that record, for the message
	 * @return the buffer, positioned at the next byte
	 * @throws IOException if the bytes are not there or cannot be read
	 */
	public ByteBuffer require(long count, String record, long recordOffset) throws IOException {
		if (position() + count > this.limit) {
			throw HprofFormatException.truncated(record, recordOffset, count, this.limit - position());
		}
		if (count > this.buffer.capacity()) {
			throw new HprofFormatException(record + " at offset " + recordOffset + " is too large to read: " + count
					+ " bytes", recordOffset);
		}
		if (this.buffer.remaining() < count) {
			fill((int) count, record, recordOffset);
		}
		return this.buffer;
	}

	/**
	 * Returns the buffer; only the bytes made available by {@link #require} are valid.
	 * @return the buffer
	 */
	public ByteBuffer buffer() {
		return this.buffer;
	}

	private void fill(int count, String record, long recordOffset) throws IOException {
		this.bufferStart += this.buffer.position();
		this.buffer.compact();
		while (this.buffer.position() < count) {
			long at = this.bufferStart + this.buffer.position();
			int read = (at >= this.fileSize) ? -1 : this.channel.read(this.buffer, at);
			if (read < 0) {
				int available = this.buffer.position();
				this.buffer.flip();
				throw HprofFormatException.truncated(record, recordOffset, count, available);
			}
		}
		this.buffer.flip();
	}

	/**
	 * Reads an unsigned byte.
	 * @return the value
	 */
	public int u1() {
		return this.buffer.get() & 0xFF;
	}

	/**
	 * Reads an unsigned 16-bit value.
	 * @return the value
	 */
	public int u2() {
		return this.buffer.getShort() & 0xFFFF;
	}

	/**
	 * Reads a 32-bit value.
	 * @return the value
	 */
	public int u4() {
		return this.buffer.getInt();
	}

	/**
	 * Reads a 64-bit value.
	 * @return the value
	 */
	public long u8() {
		return this.buffer.getLong();
	}

	/**
	 * Reads an identifier.
	 * @return the identifier, zero-extended when 4 bytes long
	 */
	public long id() {
		return (this.idSize == 8) ? this.buffer.getLong() : (this.buffer.getInt() & 0xFFFFFFFFL);
	}

	/**
	 * Reads an identifier at an absolute buffer index without moving.
	 * @param index the buffer index
	 * @return the identifier
	 */
	public long idAt(int index) {
		return (this.idSize == 8) ? this.buffer.getLong(index) : (this.buffer.getInt(index) & 0xFFFFFFFFL);
	}

}
