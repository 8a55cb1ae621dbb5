package io.github.v8heapsnapshot.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The {@code strings} table of a snapshot, kept off the Java heap: each distinct string once,
 * already escaped and quoted as it will appear in the file. Lookups hash the escaped bytes
 * into an open-addressing table and compare the stored bytes on a hash match. Not
 * thread-safe.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class StringTable implements Closeable {

	/**
	 * The most characters the table's text may take: string starts are kept as unsigned
	 * ints.
	 */
	private static final long MAX_TEXT_LENGTH = 0xFFFFFFFFL;

	private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.US_ASCII);

	private final Path directory;

	private final MappedBuffer text;

	private final MappedBuffer starts;

	private MappedBuffer slots;

	private long mask;

	private long textSize;

	private int count;

	private byte[] scratch = new byte[256];

	/**
	 * Creates an empty table.
	 * @param directory where its files go
	 * @throws IOException if the files cannot be created
	 */
	public StringTable(Path directory) throws IOException {
		this.directory = directory;
		this.text = MappedBuffer.create(directory, "strings", 1 << 20);
		this.starts = MappedBuffer.create(directory, "string-starts", 1 << 16);
		this.slots = MappedBuffer.create(directory, "string-slots", (1 << 14) * 8);
		this.mask = (1 << 14) - 1;
	}

	/**
	 * Returns the number of strings.
	 * @return the count
	 */
	public int size() {
		return this.count;
	}

	/**
	 * Returns the length of the table's text: the quoted strings and their separators.
	 * @return the number of characters
	 */
	public long textLength() {
		return this.textSize;
	}

	/**
	 * Returns the index of a string, adding it if it is new.
	 * @param value the string
	 * @return its index in the table
	 * @throws IOException if the table cannot grow
	 */
	public int intern(String value) throws IOException {
		int length = value.length() * JsonEscaper.MAX_BYTES_PER_CHAR;
		if (this.scratch.length < length) {
			this.scratch = new byte[length];
		}
		int end = JsonEscaper.escape(value, this.scratch, 0);
		return internEscaped(this.scratch, 0, end);
	}

	/**
	 * Returns the index of an already escaped string, adding it if it is new.
	 * @param escaped the string's JSON-escaped ASCII bytes, without quotes
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return its index in the table
	 * @throws IOException if the table cannot grow
	 */
	public int internEscaped(byte[] escaped, int offset, int length) throws IOException {
		long hash = hash(escaped, offset, length);
		int tag = (int) (hash >>> 32);
		long slot = tag & this.mask;
		while (true) {
			long entry = this.slots.getLong(slot * 8);
			if (entry == 0) {
				break;
			}
			if ((int) (entry >>> 32) == tag) {
				int index = (int) entry - 1;
				if (matches(index, escaped, offset, length)) {
					return index;
				}
			}
			slot = (slot + 1) & this.mask;
		}
		int index = append(escaped, offset, length);
		this.slots.putLong(slot * 8, ((long) tag << 32) | (index + 1L));
		if (this.count > this.mask - (this.mask >>> 2)) {
			rehash(2 * (this.mask + 1));
		}
		return index;
	}

	/**
	 * Makes room for more strings at once, rather than growing step by step.
	 * @param more how many more strings are expected
	 * @throws IOException if the table cannot grow
	 */
	public void reserve(long more) throws IOException {
		long needed = (this.count + more) * 4 / 3 + 1;
		long capacity = this.mask + 1;
		while (capacity < needed) {
			capacity *= 2;
		}
		if (capacity > this.mask + 1) {
			rehash(capacity);
		}
	}

	private boolean matches(int index, byte[] escaped, int offset, int length) {
		long start = Integer.toUnsignedLong(this.starts.getInt(index * 4L));
		long end = (index + 1 < this.count) ? Integer.toUnsignedLong(this.starts.getInt((index + 1) * 4L)) - 4
				: this.textSize - 1;
		if (end - start != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.text.getByte(start + i) != escaped[offset + i]) {
				return false;
			}
		}
		return true;
	}

	private int append(byte[] escaped, int offset, int length) throws IOException {
		long needed = this.textSize + length + 4;
		if (needed > MAX_TEXT_LENGTH) {
			throw new IOException("The strings table would exceed " + MAX_TEXT_LENGTH + " characters");
		}
		if (needed > this.text.capacity()) {
			this.text.ensureCapacity(needed);
		}
		if ((this.count + 1L) * 4 > this.starts.capacity()) {
			this.starts.ensureCapacity((this.count + 1L) * 4);
		}
		long at = this.textSize;
		if (this.count > 0) {
			this.text.put(at, SEPARATOR, 0, SEPARATOR.length);
			at += SEPARATOR.length;
		}
		this.text.putByte(at++, (byte) '"');
		this.starts.putInt(this.count * 4L, (int) at);
		this.text.put(at, escaped, offset, length);
		at += length;
		this.text.putByte(at++, (byte) '"');
		this.textSize = at;
		return this.count++;
	}

	private void rehash(long capacity) throws IOException {
		MappedBuffer grown = MappedBuffer.create(this.directory, "string-slots", capacity * 8);
		long newMask = capacity - 1;
		try (MappedBuffer old = this.slots) {
			for (long i = 0; i <= this.mask; i++) {
				long entry = old.getLong(i * 8);
				if (entry != 0) {
					long slot = (entry >>> 32) & newMask;
					while (grown.getLong(slot * 8) != 0) {
						slot = (slot + 1) & newMask;
					}
					grown.putLong(slot * 8, entry);
				}
			}
		}
		this.slots = grown;
		this.mask = newMask;
	}

	private static long hash(byte[] bytes, int offset, int length) {
		long h = 0x9E3779B97F4A7C15L ^ length;
		for (int i = offset, end = offset + length; i < end; i++) {
			h = (h ^ bytes[i]) * 0x100000001B3L;
		}
		h ^= h >>> 29;
		h *= 0xBF58476D1CE4E5B9L;
		return h ^ (h >>> 32);
	}

	/**
	 * Writes the table's text: the quoted strings, separated by commas and line breaks.
	 * @param target where to write
	 * @throws IOException if writing fails
	 */
	public void writeTo(WritableByteChannel target) throws IOException {
		this.text.writeTo(0, this.textSize, target);
	}

	/**
	 * Deletes the table's files.
	 * @throws IOException if a file cannot be deleted
	 */
	@Override
	public void close() throws IOException {
		try (MappedBuffer text = this.text; MappedBuffer starts = this.starts; MappedBuffer slots = this.slots) {
			// closed by the try
		}
	}

}
