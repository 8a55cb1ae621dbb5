package io.github.v8heapsnapshot.hprof;

/**
 * Decodes the modified UTF-8 of JVM symbols: NUL as two bytes, supplementary characters as
 * surrogate pairs of three bytes each.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class ModifiedUtf8 {

	private ModifiedUtf8() {
	}

	/**
	 * Decodes bytes. Malformed sequences decode to U+FFFD rather than failing: a symbol
	 * name is not worth refusing a dump for.
	 * @param bytes the encoded bytes
	 * @param offset the first byte
	 * @param length the number of bytes
	 * @return the decoded string
	 */
	public static String decode(byte[] bytes, int offset, int length) {
		char[] chars = new char[length];
		int count = 0;
		int end = offset + length;
		int i = offset;
		while (i < end) {
			int b = bytes[i] & 0xFF;
			if (b < 0x80) {
				chars[count++] = (char) b;
				i++;
			}
			else if ((b & 0xE0) == 0xC0 && i + 1 < end && (bytes[i + 1] & 0xC0) == 0x80) {
				chars[count++] = (char) (((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
				i += 2;
			}
			else if ((b & 0xF0) == 0xE0 && i + 2 < end && (bytes[i + 1] & 0xC0) == 0x80
					&& (bytes[i + 2] & 0xC0) == 0x80) {
				chars[count++] = (char) (((b & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F));
				i += 3;
			}
			else {
				chars[count++] = '\uFFFD';
				i++;
			}
		}
		return new String(chars, 0, count);
	}

}
