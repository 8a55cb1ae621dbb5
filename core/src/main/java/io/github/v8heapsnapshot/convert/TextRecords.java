package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The first bytes of every {@code byte[]} and {@code char[]} a link worker linked, so that
 * String values can be named later: in ordinal order, each prefix after its array's length
 * (four bytes, big-endian) and element type (one byte), with the arrays' raw ordinals and
 * the prefixes' offsets in files of their own. Written while linking, then mapped.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class TextRecords implements Closeable {

	private static final int HEADER = 5;

	private final int limit;

	private final BinaryOutput textOutput;

	private final BinaryOutput ordinalOutput;

	private final BinaryOutput offsetOutput;

	private final byte[] scratch;

	private long size;

	private long count;

	private @Nullable Reader reader;

	/**
	 * Creates the files.
	 * @param directory where
	 * @param suffix what tells them from the other workers' files
	 * @param limit the most bytes kept of an array
	 */
	TextRecords(Path directory, String suffix, int limit) throws IOException {
		this.limit = limit;
		this.scratch = new byte[HEADER + limit];
		Closer closer = new Closer();
		try {
			this.textOutput = closer.add(new BinaryOutput(directory.resolve("text-" + suffix), 1 << 20));
			this.ordinalOutput = closer.add(new BinaryOutput(directory.resolve("text-ordinals-" + suffix), 1 << 18));
			this.offsetOutput = closer.add(new BinaryOutput(directory.resolve("text-offsets-" + suffix), 1 << 18));
		}
		catch (IOException | RuntimeException ex) {
			closer.close();
			throw ex;
		}
	}

	/**
	 * Returns how many bytes of an array are kept.
	 * @param type the element type
	 * @param length the number of elements
	 * @return the size of the prefix
	 */
	int kept(int type, int length) {
		return kept(type, length, this.limit);
	}

	/**
	 * Keeps the prefix of an array.
	 * @param ordinal the array's raw ordinal
	 * @param type the element type
	 * @param length the number of elements
	 * @param elements the elements from the buffer's position on, at least
	 * {@link #kept(int, int)} bytes of them; the position stays
	 */
	void add(long ordinal, int type, int length, ByteBuffer elements) throws IOException {
		int kept = kept(type, length);
		byte[] bytes = this.scratch;
		bytes[0] = (byte) (length >>> 24);
		bytes[1] = (byte) (length >>> 16);
		bytes[2] = (byte) (length >>> 8);
		bytes[3] = (byte) length;
		bytes[4] = (byte) type;
		elements.get(elements.position(), bytes, HEADER, kept);
		this.textOutput.putBytes(bytes, 0, HEADER + kept);
		this.ordinalOutput.putInt((int) ordinal);
		this.offsetOutput.putLong(this.size);
		this.size += HEADER + kept;
		this.count++;
	}

	/**
	 * Flushes the files and maps them for reading.
	 */
	void finish() throws IOException {
		closeOutputs();
		if (this.reader == null) {
			Closer closer = new Closer();
			try {
				this.reader = new Reader(closer.add(MappedBuffer.openReadOnly(this.textOutput.file())),
						closer.add(MappedBuffer.openReadOnly(this.ordinalOutput.file())),
						closer.add(MappedBuffer.openReadOnly(this.offsetOutput.file())), this.count, this.limit);
			}
			catch (IOException | RuntimeException ex) {
				closer.close();
				throw ex;
			}
		}
	}

	/**
	 * Returns the prefixes for reading.
	 * @return the reader
	 * @throws IllegalStateException before {@link #finish()}
	 */
	Reader reader() {
		Reader prefixes = this.reader;
		if (prefixes == null) {
			throw new IllegalStateException("Text records are read once finished");
		}
		return prefixes;
	}

	/**
	 * Deletes the files once every String is named.
	 */
	void release() throws IOException {
		if (this.reader != null) {
			this.reader.close();
		}
	}

	@Override
	public void close() throws IOException {
		try {
			closeOutputs();
		}
		finally {
			release();
		}
	}

	private void closeOutputs() throws IOException {
		Closer.closeAll(this.textOutput, this.ordinalOutput, this.offsetOutput);
	}

	private static int kept(int type, int length, int limit) {
		return (int) Math.min((long) length * BasicType.primitiveSize(type), limit);
	}

	/**
	 * The prefixes, mapped: by index in ordinal order, or found by the array's ordinal.
	 */
	static final class Reader implements Closeable {

		private final MappedBuffer text;

		private final MappedBuffer ordinals;

		private final MappedBuffer offsets;

		private final long count;

		private final int limit;

		private Reader(MappedBuffer text, MappedBuffer ordinals, MappedBuffer offsets, long count, int limit) {
			this.text = text;
			this.ordinals = ordinals;
			this.offsets = offsets;
			this.count = count;
			this.limit = limit;
		}

		long count() {
			return this.count;
		}

		long ordinal(long index) {
			return Integer.toUnsignedLong(this.ordinals.getInt(index * 4));
		}

		/**
		 * Finds the prefix of an array.
		 * @param ordinal the array's raw ordinal
		 * @param near the index of a prefix close by, where the search starts
		 * @return the index of the array's prefix, or -1
		 */
		long find(long ordinal, long near) {
			for (long i = Math.max(0, near - 2), end = Math.min(this.count, near + 3); i < end; i++) {
				if (this.ordinals.getInt(i * 4) == (int) ordinal) {
					return i;
				}
			}
			return RecordFile.search(this.ordinals, this.count, 4, ordinal);
		}

		/**
		 * Returns the number of elements of an array.
		 * @param index the index of its prefix
		 * @return the length of the whole array
		 */
		int arrayLength(long index) {
			long at = this.offsets.getLong(index * 8);
			return ((this.text.getByte(at) & 0xFF) << 24) | ((this.text.getByte(at + 1) & 0xFF) << 16)
					| ((this.text.getByte(at + 2) & 0xFF) << 8) | (this.text.getByte(at + 3) & 0xFF);
		}

		/**
		 * Returns the element type of an array.
		 * @param index the index of its prefix
		 * @return {@link BasicType#BYTE} or {@link BasicType#CHAR}
		 */
		int arrayType(long index) {
			return this.text.getByte(this.offsets.getLong(index * 8) + 4);
		}

		/**
		 * Returns how many bytes of an array are kept.
		 * @param type the element type
		 * @param length the number of elements
		 * @return the size of the prefix
		 */
		int kept(int type, int length) {
			return TextRecords.kept(type, length, this.limit);
		}

		/**
		 * Copies the first bytes of a prefix.
		 * @param index the index of the prefix
		 * @param target where to
		 * @param offset where in the target
		 * @param length how many bytes, at most {@link #kept(int, int)}
		 */
		void prefix(long index, byte[] target, int offset, int length) {
			this.text.get(this.offsets.getLong(index * 8) + HEADER, target, offset, length);
		}

		/**
		 * Unmaps and deletes the files.
		 */
		@Override
		public void close() throws IOException {
			Closer.closeAll(this.text, this.ordinals, this.offsets);
		}

	}

}
