package io.github.v8heapsnapshot.v8;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The {@code strings} table of a snapshot, kept off the Java heap: each distinct string once,
 * already escaped and quoted as it will appear in the file, appended to a temporary file.
 * Lookups hash the escaped bytes into an open-addressing table (memory-mapped) and compare
 * the stored bytes on a hash match. Not thread-safe.
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

	private static final byte[] QUOTE = { '"' };

	private final Path directory;

	private final Path textFile;

	private final FileChannel text;

	// Below G1's humongous threshold (half a region) on the smallest regions, 1 MB
	private final byte[] buffer = new byte[1 << 18];

	private int buffered;

	private long flushed;

	private ByteBuffer stored = ByteBuffer.allocate(256);

	private final MappedBuffer starts;

	private MappedBuffer slots;

	private long mask;

	private long textSize;

	private int count;

	/** Keeps the loads of {@link #prefetch} from being optimized away. */
	@SuppressWarnings("unused")
	private long touched;

	private byte[] scratch = new byte[256];

	/**
	 * Creates an empty table.
	 * @param directory where its files go
	 * @throws IOException if the files cannot be created
	 */
	public StringTable(Path directory) throws IOException {
		this.directory = directory;
		this.textFile = Files.createTempFile(directory, "strings", ".json");
		this.text = FileChannel.open(this.textFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
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
		return internEscaped(escaped, offset, length, hash(escaped, offset, length));
	}

	/**
	 * Hashes an escaped string for {@link #prefetch(long)} and
	 * {@link #internEscaped(byte[], int, int, long)}.
	 * @param escaped the string's JSON-escaped ASCII bytes, without quotes
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return the hash
	 */
	public static long hash(byte[] escaped, int offset, int length) {
		long h = 0x9E3779B97F4A7C15L ^ length;
		for (int i = offset, end = offset + length; i < end; i++) {
			h = (h ^ escaped[i]) * 0x100000001B3L;
		}
		h ^= h >>> 29;
		h *= 0xBF58476D1CE4E5B9L;
		return h ^ (h >>> 32);
	}

	/**
	 * Starts loading the part of the table where a string belongs, so that several
	 * strings can be looked up with their memory accesses overlapping: hash them all
	 * first, then prefetch them all, then intern them.
	 * @param hash the string's {@link #hash}
	 */
	public void prefetch(long hash) {
		this.touched += this.slots.getLong(((int) (hash >>> 32) & this.mask) * 8);
	}

	/**
	 * Returns the index of an already escaped and hashed string, adding it if it is new.
	 * @param escaped the string's JSON-escaped ASCII bytes, without quotes
	 * @param offset the first byte
	 * @param length how many bytes
	 * @param hash the string's {@link #hash}
	 * @return its index in the table
	 * @throws IOException if the table cannot grow
	 */
	public int internEscaped(byte[] escaped, int offset, int length, long hash) throws IOException {
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

	/**
	 * Returns the {@link #hash} of a string in the table, the same for the same string in
	 * any table.
	 * @param index the string's index
	 * @return the hash of its escaped bytes
	 * @throws IOException if the table's text cannot be read
	 */
	public long hashOf(int index) throws IOException {
		long start = start(index);
		int length = (int) (end(index) - start);
		int stored = readStored(start, length);
		if (stored == length) {
			return hash(this.stored.array(), 0, length);
		}
		byte[] escaped = Arrays.copyOf(this.stored.array(), length);
		int from = (int) (start + stored - this.flushed);
		System.arraycopy(this.buffer, from, escaped, stored, length - stored);
		return hash(escaped, 0, length);
	}

	private long start(int index) {
		return Integer.toUnsignedLong(this.starts.getInt(index * 4L));
	}

	private long end(int index) {
		return (index + 1 < this.count) ? start(index + 1) - 4 : this.textSize - 1;
	}

	/**
	 * Reads the part of a string that was already flushed to the text file into
	 * {@link #stored}.
	 * @return how many bytes were read
	 */
	private int readStored(long start, int length) throws IOException {
		if (start >= this.flushed) {
			return 0;
		}
		int count = (int) (Math.min(start + length, this.flushed) - start);
		if (this.stored.capacity() < count) {
			this.stored = ByteBuffer.allocate(count);
		}
		this.stored.clear().limit(count);
		while (this.stored.hasRemaining()) {
			if (this.text.read(this.stored, start + this.stored.position()) < 0) {
				throw new IOException("The strings table's text ends before string at " + start);
			}
		}
		return count;
	}

	private boolean matches(int index, byte[] escaped, int offset, int length) throws IOException {
		long start = start(index);
		if (end(index) - start != length) {
			return false;
		}
		int done = readStored(start, length);
		if (!Arrays.equals(this.stored.array(), 0, done, escaped, offset, offset + done)) {
			return false;
		}
		if (done == length) {
			return true;
		}
		int from = (int) (start + done - this.flushed);
		return Arrays.equals(this.buffer, from, from + length - done, escaped, offset + done, offset + length);
	}

	private int append(byte[] escaped, int offset, int length) throws IOException {
		if (this.textSize + length + 4 > MAX_TEXT_LENGTH) {
			throw new IOException("The strings table would exceed " + MAX_TEXT_LENGTH + " characters");
		}
		if ((this.count + 1L) * 4 > this.starts.capacity()) {
			this.starts.ensureCapacity((this.count + 1L) * 4);
		}
		if (this.count > 0) {
			write(SEPARATOR, 0, SEPARATOR.length);
		}
		write(QUOTE, 0, 1);
		this.starts.putInt(this.count * 4L, (int) this.textSize);
		write(escaped, offset, length);
		write(QUOTE, 0, 1);
		return this.count++;
	}

	private void write(byte[] bytes, int offset, int length) throws IOException {
		int done = 0;
		while (done < length) {
			if (this.buffered == this.buffer.length) {
				flush();
			}
			int count = Math.min(length - done, this.buffer.length - this.buffered);
			System.arraycopy(bytes, offset + done, this.buffer, this.buffered, count);
			this.buffered += count;
			done += count;
		}
		this.textSize += length;
	}

	private void flush() throws IOException {
		ByteBuffer pending = ByteBuffer.wrap(this.buffer, 0, this.buffered);
		while (pending.hasRemaining()) {
			this.text.write(pending, this.flushed + pending.position());
		}
		this.flushed += this.buffered;
		this.buffered = 0;
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

	/**
	 * Deletes the lookup table once every string is in: only {@link #size},
	 * {@link #textLength} and {@link #writeTo} may be called from then on.
	 * @throws IOException if its file cannot be deleted
	 */
	public void finishLookups() throws IOException {
		this.slots.close();
	}

	/**
	 * Writes the table's text: the quoted strings, separated by commas and line breaks.
	 * @param target where to write
	 * @throws IOException if writing fails
	 */
	public void writeTo(WritableByteChannel target) throws IOException {
		flush();
		long done = 0;
		while (done < this.textSize) {
			done += this.text.transferTo(done, this.textSize - done, target);
		}
	}

	/**
	 * Deletes the table's files.
	 * @throws IOException if a file cannot be deleted
	 */
	@Override
	public void close() throws IOException {
		try (MappedBuffer starts = this.starts; MappedBuffer slots = this.slots) {
			this.text.close();
		}
		finally {
			Files.deleteIfExists(this.textFile);
		}
	}

}
