package io.github.v8heapsnapshot.index;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A growable region of bytes in a memory-mapped temporary file, addressed by a {@code long}
 * offset, so that large indexes stay out of the Java heap. The file is mapped in chunks of
 * 1 GiB; aligned values of 1, 2, 4 or 8 bytes never cross a chunk. Not thread-safe for
 * growth; concurrent reads and writes of distinct offsets are fine. {@link #close()} unmaps
 * and deletes the file.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class MappedBuffer implements Closeable {

	private static final int CHUNK_SHIFT = 30;

	private static final long CHUNK_SIZE = 1L << CHUNK_SHIFT;

	private static final long CHUNK_MASK = CHUNK_SIZE - 1;

	private static final Unmapper UNMAPPER = new Unmapper();

	private final Path file;

	private final FileChannel channel;

	private final MapMode mode;

	private MappedByteBuffer[] chunks = new MappedByteBuffer[0];

	private long capacity;

	private MappedBuffer(Path file, FileChannel channel, MapMode mode) {
		this.file = file;
		this.channel = channel;
		this.mode = mode;
	}

	/**
	 * Creates a buffer backed by a new file in a directory.
	 * @param directory the directory for the file
	 * @param name a name for the file
	 * @param capacity the initial capacity in bytes
	 * @return the buffer, filled with zeros
	 * @throws IOException if the file cannot be created or mapped
	 */
	public static MappedBuffer create(Path directory, String name, long capacity) throws IOException {
		Path file = Files.createTempFile(directory, name, ".bin");
		FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		return mapped(new MappedBuffer(file, channel, MapMode.READ_WRITE), capacity);
	}

	/**
	 * Maps an existing file for reading only; closing the buffer deletes the file.
	 * @param file the file
	 * @return the buffer, as large as the file
	 * @throws IOException if the file cannot be opened or mapped
	 */
	public static MappedBuffer openReadOnly(Path file) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		long size;
		try {
			size = channel.size();
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		return mapped(new MappedBuffer(file, channel, MapMode.READ_ONLY), size);
	}

	private static MappedBuffer mapped(MappedBuffer buffer, long capacity) throws IOException {
		try {
			buffer.ensureCapacity(capacity);
		}
		catch (IOException | RuntimeException ex) {
			buffer.close();
			throw ex;
		}
		return buffer;
	}

	/**
	 * Returns the capacity.
	 * @return the number of addressable bytes
	 */
	public long capacity() {
		return this.capacity;
	}

	/**
	 * Grows the buffer to at least the given capacity; new bytes are zero.
	 * @param required the capacity needed
	 * @throws IOException if the file cannot be mapped
	 */
	public void ensureCapacity(long required) throws IOException {
		if (required <= this.capacity) {
			return;
		}
		long target = Math.max(required, Math.min(this.capacity * 2, this.capacity + CHUNK_SIZE));
		if (this.mode == MapMode.READ_WRITE) {
			target = Math.max(4096, (target + 4095) & -4096L);
		}
		int count = (int) ((target + CHUNK_SIZE - 1) >>> CHUNK_SHIFT);
		MappedByteBuffer[] grown = Arrays.copyOf(this.chunks, count);
		int first = this.chunks.length - 1;
		if (first >= 0 && this.chunks[first].capacity() < CHUNK_SIZE) {
			MappedByteBuffer old = this.chunks[first];
			grown[first] = map(first, target);
			UNMAPPER.unmap(old);
		}
		for (int i = Math.max(first + 1, 0); i < count; i++) {
			grown[i] = map(i, target);
		}
		this.chunks = grown;
		this.capacity = (long) (count - 1) * CHUNK_SIZE + grown[count - 1].capacity();
	}

	private MappedByteBuffer map(int chunk, long total) throws IOException {
		long start = (long) chunk << CHUNK_SHIFT;
		long size = Math.min(CHUNK_SIZE, total - start);
		MappedByteBuffer buffer = this.channel.map(this.mode, start, size);
		buffer.order(ByteOrder.nativeOrder());
		return buffer;
	}

	/**
	 * Reads a byte.
	 * @param offset the offset
	 * @return the value
	 */
	public byte getByte(long offset) {
		return this.chunks[(int) (offset >>> CHUNK_SHIFT)].get((int) (offset & CHUNK_MASK));
	}

	/**
	 * Writes a byte.
	 * @param offset the offset
	 * @param value the value
	 */
	public void putByte(long offset, byte value) {
		this.chunks[(int) (offset >>> CHUNK_SHIFT)].put((int) (offset & CHUNK_MASK), value);
	}

	/**
	 * Reads an int at an offset that is a multiple of 4.
	 * @param offset the offset
	 * @return the value
	 */
	public int getInt(long offset) {
		return this.chunks[(int) (offset >>> CHUNK_SHIFT)].getInt((int) (offset & CHUNK_MASK));
	}

	/**
	 * Writes an int at an offset that is a multiple of 4.
	 * @param offset the offset
	 * @param value the value
	 */
	public void putInt(long offset, int value) {
		this.chunks[(int) (offset >>> CHUNK_SHIFT)].putInt((int) (offset & CHUNK_MASK), value);
	}

	/**
	 * Reads a long at an offset that is a multiple of 8.
	 * @param offset the offset
	 * @return the value
	 */
	public long getLong(long offset) {
		return this.chunks[(int) (offset >>> CHUNK_SHIFT)].getLong((int) (offset & CHUNK_MASK));
	}

	/**
	 * Writes a long at an offset that is a multiple of 8.
	 * @param offset the offset
	 * @param value the value
	 */
	public void putLong(long offset, long value) {
		this.chunks[(int) (offset >>> CHUNK_SHIFT)].putLong((int) (offset & CHUNK_MASK), value);
	}

	/**
	 * Copies bytes out.
	 * @param offset the offset of the first byte
	 * @param target where to copy to
	 * @param targetOffset the first index in the target
	 * @param length how many bytes
	 */
	public void get(long offset, byte[] target, int targetOffset, int length) {
		int done = 0;
		while (done < length) {
			long at = offset + done;
			ByteBuffer chunk = this.chunks[(int) (at >>> CHUNK_SHIFT)];
			int index = (int) (at & CHUNK_MASK);
			int count = (int) Math.min(length - done, CHUNK_SIZE - index);
			chunk.get(index, target, targetOffset + done, count);
			done += count;
		}
	}

	/**
	 * Copies bytes in.
	 * @param offset the offset of the first byte
	 * @param source where to copy from
	 * @param sourceOffset the first index in the source
	 * @param length how many bytes
	 */
	public void put(long offset, byte[] source, int sourceOffset, int length) {
		int done = 0;
		while (done < length) {
			long at = offset + done;
			ByteBuffer chunk = this.chunks[(int) (at >>> CHUNK_SHIFT)];
			int index = (int) (at & CHUNK_MASK);
			int count = (int) Math.min(length - done, CHUNK_SIZE - index);
			chunk.put(index, source, sourceOffset + done, count);
			done += count;
		}
	}

	/**
	 * Unmaps and deletes the file.
	 * @throws IOException if the file cannot be deleted
	 */
	@Override
	public void close() throws IOException {
		for (MappedByteBuffer chunk : this.chunks) {
			UNMAPPER.unmap(chunk);
		}
		this.chunks = new MappedByteBuffer[0];
		this.capacity = 0;
		try {
			this.channel.close();
		}
		finally {
			Files.deleteIfExists(this.file);
		}
	}

	/**
	 * Releases mappings at once rather than when the garbage collector finds them, where
	 * {@code sun.misc.Unsafe} allows it.
	 */
	private static final class Unmapper {

		private final @Nullable Object unsafe;

		private final @Nullable Method invokeCleaner;

		Unmapper() {
			Object found = null;
			Method method = null;
			try {
				Class<?> type = Class.forName("sun.misc.Unsafe");
				Field field = type.getDeclaredField("theUnsafe");
				field.setAccessible(true);
				found = field.get(null);
				method = type.getMethod("invokeCleaner", ByteBuffer.class);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// Without it, mappings are released when their buffers are collected
			}
			this.unsafe = found;
			this.invokeCleaner = method;
		}

		void unmap(MappedByteBuffer buffer) {
			if (this.invokeCleaner != null) {
				try {
					this.invokeCleaner.invoke(this.unsafe, buffer);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// Released later by the garbage collector
				}
			}
		}

	}

}
