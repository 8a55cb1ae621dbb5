package io.github.v8heapsnapshot.convert;

import java.util.Objects;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Decodes String values from the array prefixes the link workers kept: LATIN1 bytes,
 * UTF-16 bytes in the byte order of the dumping JVM, or big-endian {@code char[]}. Finds an
 * array's prefix by searching the worker's ordinal index, starting next to the last hit
 * since a String and its array usually lie close together. Holds the last decoded value;
 * not thread-safe.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class StringValues {

	private final LinkPass[] workers;

	private final long[] cursors;

	private final boolean littleEndian;

	private final int limit;

	private final byte[] bytes;

	private final byte[] header = new byte[5];

	final char[] chars;

	int length;

	int arrayLength;

	int arrayType;

	StringValues(LinkPass[] workers, boolean littleEndian, int limit) {
		this.workers = workers;
		this.cursors = new long[workers.length];
		this.littleEndian = littleEndian;
		this.limit = limit;
		this.bytes = new byte[2 * limit];
		this.chars = new char[limit];
	}

	/**
	 * Decodes a String value array.
	 * @param array the raw ordinal of the array
	 * @param coder the String's coder: 0 for LATIN1, 1 for UTF-16
	 * @return whether the array holds text
	 */
	boolean load(long array, int coder) {
		this.length = 0;
		int worker = this.workers.length - 1;
		while (worker > 0 && array < this.workers[worker].firstOrdinal) {
			worker--;
		}
		LinkPass owner = this.workers[worker];
		long index = find(owner, worker, array);
		if (index < 0) {
			return false;
		}
		MappedBuffer text = Objects.requireNonNull(owner.text, "text");
		long at = Objects.requireNonNull(owner.textOffsets, "textOffsets").getLong(index * 8);
		text.get(at, this.header, 0, 5);
		this.arrayLength = ((this.header[0] & 0xFF) << 24) | ((this.header[1] & 0xFF) << 16)
				| ((this.header[2] & 0xFF) << 8) | (this.header[3] & 0xFF);
		this.arrayType = this.header[4];
		if (this.arrayType == BasicType.BYTE && coder == 0) {
			int count = Math.min(this.arrayLength, this.limit);
			text.get(at + 5, this.bytes, 0, count);
			for (int i = 0; i < count; i++) {
				this.chars[i] = (char) (this.bytes[i] & 0xFF);
			}
			this.length = count;
		}
		else {
			boolean little = this.arrayType == BasicType.BYTE && this.littleEndian;
			int available = (this.arrayType == BasicType.BYTE) ? this.arrayLength / 2 : this.arrayLength;
			int count = Math.min(available, this.limit);
			text.get(at + 5, this.bytes, 0, count * 2);
			for (int i = 0; i < count; i++) {
				int first = this.bytes[2 * i] & 0xFF;
				int second = this.bytes[2 * i + 1] & 0xFF;
				this.chars[i] = (char) (little ? (second << 8 | first) : (first << 8 | second));
			}
			this.length = count;
		}
		return true;
	}

	private long find(LinkPass owner, int worker, long array) {
		MappedBuffer ordinals = Objects.requireNonNull(owner.textOrdinals, "textOrdinals");
		long count = owner.textCount;
		long cursor = this.cursors[worker];
		for (long i = Math.max(0, cursor - 2), end = Math.min(count, cursor + 3); i < end; i++) {
			if (ordinals.getInt(i * 4) == (int) array) {
				this.cursors[worker] = i;
				return i;
			}
		}
		long low = 0;
		long high = count - 1;
		while (low <= high) {
			long middle = (low + high) >>> 1;
			long found = Integer.toUnsignedLong(ordinals.getInt(middle * 4));
			if (found < array) {
				low = middle + 1;
			}
			else if (found > array) {
				high = middle - 1;
			}
			else {
				this.cursors[worker] = middle;
				return middle;
			}
		}
		return -1;
	}

	/**
	 * Returns the size of an element of the last array loaded.
	 * @return 1 or 2
	 */
	int elementSize() {
		return BasicType.primitiveSize(this.arrayType);
	}

}
