package io.github.v8heapsnapshot.convert;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Decodes String values from the array prefixes the link workers kept: LATIN1 bytes,
 * UTF-16 bytes in the byte order of the dumping JVM, or big-endian {@code char[]}. Holds the
 * last decoded value; not thread-safe.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class StringValues {

	private final MappedBuffer data;

	private final MappedBuffer[] texts;

	private final boolean littleEndian;

	private final int limit;

	private final byte[] bytes;

	private final byte[] header = new byte[5];

	char[] chars;

	int length;

	int arrayLength;

	int arrayType;

	StringValues(MappedBuffer data, MappedBuffer[] texts, boolean littleEndian, int limit) {
		this.data = data;
		this.texts = texts;
		this.littleEndian = littleEndian;
		this.limit = limit;
		this.bytes = new byte[(int) Math.min(Integer.MAX_VALUE / 4, 2L * limit)];
		this.chars = new char[limit];
	}

	/**
	 * Decodes the value of a String node.
	 * @param string the raw ordinal of the String
	 * @return whether it has a value
	 */
	boolean loadString(long string) {
		long entry = this.data.getLong(string * 8);
		if (entry == 0) {
			this.length = 0;
			return false;
		}
		return loadValue((entry >>> 1) - 1, (int) (entry & 1));
	}

	/**
	 * Decodes a String value array.
	 * @param array the raw ordinal of the array
	 * @param coder the String's coder: 0 for LATIN1, 1 for UTF-16
	 * @return whether the array holds text
	 */
	boolean loadValue(long array, int coder) {
		this.length = 0;
		long entry = this.data.getLong(array * 8);
		int worker = (int) (entry >>> 56) - 1;
		if (worker < 0 || worker >= this.texts.length) {
			return false;
		}
		MappedBuffer text = this.texts[worker];
		long at = entry & ((1L << 56) - 1);
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

	/**
	 * Returns the size of an element of the last array loaded.
	 * @return 1 or 2
	 */
	int elementSize() {
		return BasicType.primitiveSize(this.arrayType);
	}

}
