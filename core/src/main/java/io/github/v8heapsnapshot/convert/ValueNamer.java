package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.lang.System.Logger.Level;

import io.github.v8heapsnapshot.snapshot.JsonEscaper;
import io.github.v8heapsnapshot.snapshot.StringTable;

/**
 * The one place every string value passes on its way into the strings table: it applies the
 * redaction and keeps the table under the length a V8 string can have, shortening values
 * once the table grows close to it.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class ValueNamer {

	/**
	 * The most characters the strings table may take. DevTools and memlab parse the table as
	 * one JavaScript string, which cannot exceed 536,870,888 characters.
	 */
	static final long MAX_TABLE_LENGTH = 500_000_000L;

	private static final long SHORTEN_AT = MAX_TABLE_LENGTH - 100_000_000L;

	private static final int SHORT_LIMIT = 64;

	private static final System.Logger logger = System.getLogger(ValueNamer.class.getName());

	private final StringTable strings;

	private byte[] escaped = new byte[1024];

	private long shortened;

	ValueNamer(StringTable strings) {
		this.strings = strings;
	}

	/**
	 * Returns the strings-table index of a value.
	 * @param chars the characters, already cut to the string limit
	 * @param length how many
	 * @return the index
	 */
	int name(char[] chars, int length) throws IOException {
		int count = length;
		long used = this.strings.textLength();
		if (used + (long) count * JsonEscaper.MAX_BYTES_PER_CHAR > SHORTEN_AT) {
			int limit = (used > MAX_TABLE_LENGTH - 10_000_000L) ? 0 : SHORT_LIMIT;
			if (count > limit) {
				if (this.shortened++ == 0) {
					logger.log(Level.WARNING, "The strings table is close to the " + MAX_TABLE_LENGTH
							+ " characters DevTools can load; shortening further string values to " + limit
							+ " characters");
				}
				count = limit;
			}
		}
		int needed = count * JsonEscaper.MAX_BYTES_PER_CHAR;
		if (this.escaped.length < needed) {
			this.escaped = new byte[needed];
		}
		int end = JsonEscaper.escape(chars, 0, count, this.escaped, 0);
		return this.strings.internEscaped(this.escaped, 0, end);
	}

	/**
	 * Returns how many values were shortened to stay under the table limit.
	 * @return the count
	 */
	long shortened() {
		return this.shortened;
	}

}
