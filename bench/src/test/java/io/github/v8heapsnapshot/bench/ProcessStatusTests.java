package io.github.v8heapsnapshot.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcessStatus}.
 *
 * @author v8heapsnapshot developers
 */
class ProcessStatusTests {

	private static final int SIZE = 32 * 1024 * 1024;

	@Test
	void peakFollowsTouchedAnonymousMemoryAfterAReset() {
		ProcessStatus.resetPeak();
		ProcessStatus before = ProcessStatus.read();
		ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
		touch(buffer);
		ProcessStatus after = ProcessStatus.read();
		assertThat(after.anonymous() - before.anonymous()).isGreaterThanOrEqualTo(SIZE * 9L / 10);
		assertThat(after.peakRss() - before.rss()).isGreaterThanOrEqualTo(SIZE * 9L / 10);
		assertThat(after.rss()).isGreaterThanOrEqualTo(after.anonymous() + after.file());
	}

	@Test
	void mappedFilePagesCountAsFileBackedMemory(@TempDir Path directory) throws IOException {
		try (FileChannel channel = FileChannel.open(directory.resolve("mapped"), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			ProcessStatus before = ProcessStatus.read();
			MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
			touch(buffer);
			ProcessStatus after = ProcessStatus.read();
			assertThat(after.file() - before.file()).isGreaterThanOrEqualTo(SIZE * 9L / 10);
		}
	}

	private static void touch(ByteBuffer buffer) {
		for (int i = 0; i < buffer.capacity(); i += 4096) {
			buffer.put(i, (byte) 1);
		}
	}

}
