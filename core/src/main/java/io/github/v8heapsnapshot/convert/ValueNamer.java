package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;

import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.v8.JsonEscaper;
import io.github.v8heapsnapshot.v8.StringTable;

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

	private static final char[] TOKEN_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		.toCharArray();

	private static final System.Logger logger = System.getLogger(ValueNamer.class.getName());

	private final StringTable strings;

	private final RedactionPolicy redaction;

	private final long key = new SecureRandom().nextLong();

	private LongIntMap secretHashes = new LongIntMap();

	private char[] replaced = new char[64];

	private byte[] escaped = new byte[1024];

	private long shortened;

	ValueNamer(StringTable strings, RedactionPolicy redaction) {
		this.strings = strings;
		this.redaction = redaction;
	}

	/**
	 * Sets the hashes of the secret values: equal values are masked wherever they are held.
	 * @param secretHashes the hashes, as keys
	 */
	void secretHashes(LongIntMap secretHashes) {
		this.secretHashes = secretHashes;
	}

	/**
	 * Returns the strings-table index of a value.
	 * @param chars the characters, already cut to the string limit
	 * @param length how many
	 * @param sensitive whether the value is held where secrets are
	 * @return the index
	 */
	int name(char[] chars, int length, boolean sensitive) throws IOException {
		int end = escape(chars, length, sensitive);
		return this.strings.internEscaped(this.escaped, 0, end);
	}

	/**
	 * Redacts, shortens if needed and escapes a value into {@link #escaped()}.
	 * @param chars the characters, already cut to the string limit
	 * @param length how many
	 * @param sensitive whether the value is held where secrets are
	 * @return the number of escaped bytes
	 */
	int escape(char[] chars, int length, boolean sensitive) {
		char[] value = chars;
		if (this.redaction.tokenizesAllStrings()) {
			value = token(chars, length);
		}
		else if (this.redaction.masksSecrets()
				&& (sensitive || (this.secretHashes.size() > 0 && this.secretHashes.get(hash(chars, length), 0) != 0))) {
			value = mask(length);
		}
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
		return JsonEscaper.escape(value, 0, count, this.escaped, 0);
	}

	/**
	 * Returns the bytes the last {@link #escape} wrote.
	 * @return the buffer, valid up to the length {@code escape} returned
	 */
	byte[] escaped() {
		return this.escaped;
	}

	private char[] replacement(int length) {
		if (this.replaced.length < length) {
			this.replaced = new char[Math.max(length, 2 * this.replaced.length)];
		}
		return this.replaced;
	}

	private char[] mask(int length) {
		char[] masked = replacement(length);
		for (int i = 0; i < length; i++) {
			masked[i] = '*';
		}
		return masked;
	}

	/**
	 * A token as long as the value, from a hash keyed with a random key of this conversion:
	 * equal values get equal tokens, and tokens cannot be traced back.
	 */
	private char[] token(char[] chars, int length) {
		char[] token = replacement(length);
		long state = hash(chars, length) ^ this.key;
		for (int i = 0; i < length; i++) {
			state += 0x9E3779B97F4A7C15L;
			long z = state;
			z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
			z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
			z ^= z >>> 31;
			token[i] = TOKEN_CHARACTERS[(int) Long.remainderUnsigned(z, TOKEN_CHARACTERS.length)];
		}
		return token;
	}

	/**
	 * Hashes characters to 64 bits, never 0.
	 */
	static long hash(char[] chars, int length) {
		long h = 0x9E3779B97F4A7C15L ^ length;
		for (int i = 0; i < length; i++) {
			h = (h ^ chars[i]) * 0x100000001B3L;
			h ^= h >>> 32;
		}
		h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
		h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
		h ^= h >>> 33;
		return (h != 0) ? h : 1;
	}

	/**
	 * Returns how many values were shortened to stay under the table limit.
	 * @return the count
	 */
	long shortened() {
		return this.shortened;
	}

}
