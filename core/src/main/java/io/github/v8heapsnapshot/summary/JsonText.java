package io.github.v8heapsnapshot.summary;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes between the quotes of a JSON string literal: escapes, and UTF-8 for
 * bytes above ASCII.
 *
 * @author v8heapsnapshot developers
 */
final class JsonText {

	private JsonText() {
	}

	static String decode(byte[] raw, int length) {
		StringBuilder text = new StringBuilder(length);
		int i = 0;
		while (i < length) {
			byte b = raw[i];
			if (b == '\\' && i + 1 < length) {
				i = unescape(raw, i + 1, length, text);
			}
			else if (b >= 0) {
				text.append((char) b);
				i++;
			}
			else {
				int end = i;
				while (end < length && raw[end] < 0) {
					end++;
				}
				text.append(new String(raw, i, end - i, StandardCharsets.UTF_8));
				i = end;
			}
		}
		return text.toString();
	}

	private static int unescape(byte[] raw, int i, int length, StringBuilder text) {
		byte escaped = raw[i];
		switch (escaped) {
			case 'n' -> text.append('\n');
			case 'r' -> text.append('\r');
			case 't' -> text.append('\t');
			case 'b' -> text.append('\b');
			case 'f' -> text.append('\f');
			case 'u' -> {
				if (i + 4 < length) {
					text.append((char) Integer.parseInt(new String(raw, i + 1, 4, StandardCharsets.US_ASCII), 16));
					return i + 5;
				}
				text.append('u');
			}
			default -> text.append((char) escaped);
		}
		return i + 1;
	}

}
