package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file that carries the ids from one snapshot to the next: a header with the next free
 * id, then one 16-byte record per node in ascending order of address. A record packs the
 * address (relative to the smallest, without its alignment bits) with 16 bits of the class
 * key into one long, and the id with the place key into another.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class IdTable {

	static final long MAGIC = 0x5638_4944_5331_0A00L;

	static final int HEADER_SIZE = 40;

	static final int RECORD_SIZE = 16;

	private static final int BUFFER_SIZE = 1 << 20;

	private static final int ADDRESS_BITS = 48;

	private IdTable() {
	}

	/**
	 * Reads a table's records in order.
	 */
	static final class Reader implements Closeable {

		private final Path file;

		private final FileChannel channel;

		private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

		final long nextId;

		final long count;

		private final long base;

		private final int shift;

		private long read;

		long address;

		int classBits;

		long id;

		int place;

		Reader(Path file) throws IOException {
			this.file = file;
			this.channel = FileChannel.open(file, StandardOpenOption.READ);
			try {
				this.buffer.limit(0);
				fill(HEADER_SIZE);
				if (this.buffer.getLong() != MAGIC) {
					throw new IOException(file + " is not an object id table");
				}
				this.nextId = this.buffer.getLong();
				this.count = this.buffer.getLong();
				this.base = this.buffer.getLong();
				this.shift = this.buffer.getInt();
				this.buffer.getInt();
				if (this.channel.size() != HEADER_SIZE + this.count * RECORD_SIZE || (this.nextId & 1) == 0
						|| this.shift < 0 || this.shift > 16) {
					throw new IOException(file + " is not a complete object id table");
				}
			}
			catch (IOException | RuntimeException ex) {
				this.channel.close();
				throw ex;
			}
		}

		/**
		 * Reads the next record into the fields.
		 * @return {@code false} at the end of the table
		 */
		boolean next() throws IOException {
			if (this.read == this.count) {
				return false;
			}
			fill(RECORD_SIZE);
			long location = this.buffer.getLong();
			long identity = this.buffer.getLong();
			this.address = this.base + ((location >>> 16) << this.shift);
			this.classBits = (int) location & 0xFFFF;
			this.id = identity >>> 32;
			this.place = (int) identity;
			this.read++;
			return true;
		}

		private void fill(int bytes) throws IOException {
			if (this.buffer.remaining() >= bytes) {
				return;
			}
			this.buffer.compact();
			while (this.buffer.position() < bytes) {
				if (this.channel.read(this.buffer) < 0) {
					throw new EOFException(this.file + " ends early");
				}
			}
			this.buffer.flip();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

	/**
	 * Writes a table: the records in ascending order of address, then the header.
	 */
	static final class Writer implements Closeable {

		private final FileChannel channel;

		private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

		private final long base;

		private final int shift;

		private long count;

		Writer(Path file, long base, long lowBits) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
			this.base = base;
			this.shift = Math.min(16, Long.numberOfTrailingZeros(lowBits | (1L << 16)));
			this.buffer.position(HEADER_SIZE);
		}

		void add(long address, int classKey, long id, int place) throws IOException {
			long offset = (address - this.base) >>> this.shift;
			if (address < this.base || (offset >>> ADDRESS_BITS) != 0) {
				throw new IOException("Address 0x" + Long.toHexString(address) + " is too far from 0x"
						+ Long.toHexString(this.base) + " for the object id table");
			}
			if (this.buffer.remaining() < RECORD_SIZE) {
				flush();
			}
			this.buffer.putLong((offset << 16) | (classKey & 0xFFFF));
			this.buffer.putLong((id << 32) | Integer.toUnsignedLong(place));
			this.count++;
		}

		/**
		 * Writes the header and closes the file.
		 * @param nextId the next free id
		 */
		void finish(long nextId) throws IOException {
			flush();
			this.buffer.putLong(MAGIC).putLong(nextId).putLong(this.count).putLong(this.base).putInt(this.shift).putInt(0);
			this.buffer.flip();
			long at = 0;
			while (this.buffer.hasRemaining()) {
				at += this.channel.write(this.buffer, at);
			}
			this.channel.force(true);
			this.channel.close();
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
			this.channel.close();
		}

	}

}
