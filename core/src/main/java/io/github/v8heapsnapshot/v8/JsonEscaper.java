package io.github.v8heapsnapshot.v8;

import java.nio.charset.StandardCharsets;

/**
 * Escapes characters for a JSON string literal using ASCII only: quote, backslash and
 * control characters as JSON requires, and every other non-ASCII character (unpaired
 * surrogates included) as {@code \}{@code uXXXX}. Pure ASCII output keeps readers that
 * decode the file in chunks (memlab) from ever splitting a character.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class JsonEscaper {

	/**
	 * The most bytes one character can take once escaped.
	 */
	public static final int MAX_BYTES_PER_CHAR = 6;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private JsonEscaper() {
	}

	/**
	 * Escapes characters into a byte array.
	 * @param chars the characters
	 * @param offset the first character
	 * @param length how many characters
	 * @param target where to write, with room for {@link #MAX_BYTES_PER_CHAR} bytes per
	 * character
	 * @param position the first index to write in the target
	 * @return the index after the last byte written
	 */
	public static int escape(char[] chars, int offset, int length, byte[] target, int position) {
		int at = position;
		for (int i = offset, end = offset + length; i < end; i++) {
			char c = chars[i];
			if (c >= 0x20 && c < 0x7F) {
				if (c == '"' || c == '\\') {
					target[at++] = '\\';
				}
				target[at++] = (byte) c;
			}
			else {
				at = escapeOther(c, target, at);
			}
		}
		return at;
	}

	/**
	 * Escapes a string into a byte array.
	 * @param text the string
	 * @param target where to write, with room for {@link #MAX_BYTES_PER_CHAR} bytes per
	 * character
	 * @param position the first index to write in the target
	 * @return the index after the last byte written
	 */
	public static int escape(String text, byte[] target, int position) {
		return escape(text.toCharArray(), 0, text.length(), target, position);
	}

	private static int escapeOther(char c, byte[] target, int position) {
		int at = position;
		target[at++] = '\\';
		switch (c) {
			case '\n' -> target[at++] = 'n';
			case '\r' -> target[at++] = 'r';
			case '\t' -> target[at++] = 't';
			case '\b' -> target[at++] = 'b';
			case '\f' -> target[at++] = 'f';
			default -> {
				target[at++] = 'u';
				target[at++] = HEX[(c >> 12) & 0xF];
				target[at++] = HEX[(c >> 8) & 0xF];
				target[at++] = HEX[(c >> 4) & 0xF];
				target[at++] = HEX[c & 0xF];
			}
		}
		return at;
	}

}
