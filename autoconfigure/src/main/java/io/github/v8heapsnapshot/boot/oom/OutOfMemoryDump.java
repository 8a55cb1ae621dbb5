package io.github.v8heapsnapshot.boot.oom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A heap dump that a JVM wrote when it ran out of memory.
 *
 * @param file the dump
 * @param time when the JVM finished writing it
 * @param size its size in bytes
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record OutOfMemoryDump(Path file, Instant time, long size) {

	private static final byte[] MAGIC = "JAVA PROFILE 1.0.".getBytes(StandardCharsets.US_ASCII);

	/** The HEAP_DUMP_END record, tag 0x2C, that HotSpot writes last: tag, time, length 0. */
	private static final int END_RECORD_SIZE = 9;

	private static final byte HEAP_DUMP_END = 0x2C;

	/**
	 * Reads a dump's size and time.
	 * @param file the dump
	 * @return the dump
	 * @throws IOException if the file cannot be read
	 */
	public static OutOfMemoryDump of(Path file) throws IOException {
		return new OutOfMemoryDump(file, Files.getLastModifiedTime(file).toInstant(), Files.size(file));
	}

	/**
	 * Whether the JVM finished writing the dump: it starts with the HPROF header and ends
	 * with a HEAP_DUMP_END record. A dump cut short, as when the container was killed while
	 * the JVM wrote it, is not.
	 * @return whether the dump is complete
	 * @throws IOException if the file cannot be read
	 */
	public boolean isComplete() throws IOException {
		try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size < MAGIC.length + END_RECORD_SIZE) {
				return false;
			}
			ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
			readFully(channel, head, 0);
			ByteBuffer tail = ByteBuffer.allocate(END_RECORD_SIZE);
			readFully(channel, tail, size - END_RECORD_SIZE);
			return ByteBuffer.wrap(MAGIC).equals(head.flip()) && tail.get(0) == HEAP_DUMP_END && tail.getInt(5) == 0;
		}
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				throw new IOException("Unexpected end of " + channel);
			}
		}
	}

}
