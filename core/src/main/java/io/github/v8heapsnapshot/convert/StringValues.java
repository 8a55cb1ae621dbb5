package io.github.v8heapsnapshot.convert;

import java.io.IOException;

import io.github.v8heapsnapshot.hprof.BasicType;

/**
 * Decodes String values from the array prefixes the link workers kept: LATIN1 bytes,
 * UTF-16 bytes in the byte order of the dumping JVM, or big-endian {@code char[]}. Finds an
 * array's prefix by searching its range's {@link TextRecords}, starting next to the last hit
 * since a String and its array usually lie close together. Holds the last decoded value;
 * not thread-safe.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class StringValues {

	private final LinkedGraph graph;

	private final TextRecords.Reader[] texts;

	private final long[] cursors;

	private final boolean littleEndian;

	private final int limit;

	private final byte[] bytes;

	final char[] chars;

	int length;

	int arrayLength;

	int arrayType;

	StringValues(LinkedGraph graph, boolean littleEndian, int limit) {
		this.graph = graph;
		this.texts = graph.ranges().stream().map((range) -> range.text().reader()).toArray(TextRecords.Reader[]::new);
		this.cursors = new long[this.texts.length];
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
		int range = this.graph.owner(array);
		TextRecords.Reader text = this.texts[range];
		long index = text.find(array, this.cursors[range]);
		if (index < 0) {
			return false;
		}
		this.cursors[range] = index;
		this.arrayLength = text.arrayLength(index);
		this.arrayType = text.arrayType(index);
		if (this.arrayType == BasicType.BYTE && coder == 0) {
			int count = Math.min(this.arrayLength, this.limit);
			text.prefix(index, this.bytes, 0, count);
			for (int i = 0; i < count; i++) {
				this.chars[i] = (char) (this.bytes[i] & 0xFF);
			}
			this.length = count;
		}
		else {
			boolean little = this.arrayType == BasicType.BYTE && this.littleEndian;
			int available = (this.arrayType == BasicType.BYTE) ? this.arrayLength / 2 : this.arrayLength;
			int count = Math.min(available, this.limit);
			text.prefix(index, this.bytes, 0, count * 2);
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
	 * Decodes the value of a String node.
	 * @param string the raw ordinal of the String
	 * @return whether it is a String whose value array holds text
	 */
	boolean loadString(long string) throws IOException {
		int range = this.graph.owner(string);
		NodeRecords nodes = this.graph.ranges().get(range).nodes();
		try (NodeRecords.Cursor node = nodes.cursorAt(this.graph.local(string, range))) {
			return node.next() && node.kind() == NodeHead.STRING && node.valueArray() >= 0
					&& load(node.valueArray(), node.ref());
		}
	}

	/**
	 * Returns the size of an element of the last array loaded.
	 * @return 1 or 2
	 */
	int elementSize() {
		return BasicType.primitiveSize(this.arrayType);
	}

}
