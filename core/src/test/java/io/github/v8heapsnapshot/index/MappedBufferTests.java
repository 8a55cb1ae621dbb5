package io.github.v8heapsnapshot.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MappedBuffer}.
 *
 * @author v8heapsnapshot developers
 */
class MappedBufferTests {

	@TempDir
	Path directory;

	@Test
	void keepsValuesWhileGrowing() throws IOException {
		try (MappedBuffer buffer = MappedBuffer.create(this.directory, "test", 16)) {
			buffer.putLong(0, 0x0102030405060708L);
			buffer.putInt(8, 42);
			buffer.putByte(12, (byte) 7);
			buffer.ensureCapacity(1 << 20);
			buffer.putLong((1 << 20) - 8, -1L);
			assertThat(buffer.getLong(0)).isEqualTo(0x0102030405060708L);
			assertThat(buffer.getInt(8)).isEqualTo(42);
			assertThat(buffer.getByte(12)).isEqualTo((byte) 7);
			assertThat(buffer.getLong((1 << 20) - 8)).isEqualTo(-1L);
			assertThat(buffer.getInt(4096)).isZero();
		}
	}

	@Test
	void copiesBytesAcrossTheBoundaryBetweenMappings() throws IOException {
		long boundary = 1L << 30;
		try (MappedBuffer buffer = MappedBuffer.create(this.directory, "test", boundary + 4096)) {
			byte[] bytes = "across the boundary".getBytes();
			buffer.put(boundary - 6, bytes, 0, bytes.length);
			byte[] read = new byte[bytes.length];
			buffer.get(boundary - 6, read, 0, read.length);
			assertThat(read).isEqualTo(bytes);
			assertThat(buffer.getByte(boundary)).isEqualTo(bytes[6]);
		}
	}

	@Test
	void readsAFileAndDeletesItWhenClosed() throws IOException {
		Path file = Files.write(this.directory.resolve("ints"), new byte[] { 0, 0, 0, 5, 1, 2, 3 });
		try (MappedBuffer buffer = MappedBuffer.openReadOnly(file)) {
			assertThat(buffer.capacity()).isEqualTo(7);
			assertThat(buffer.getByte(3)).isEqualTo((byte) 5);
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files).isEmpty();
		}
	}

}
