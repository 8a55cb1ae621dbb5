package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that are not HPROF at all are refused at their start and leave nothing behind.
 *
 * @author v8heapsnapshot developers
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NotHprofTests {

	@TempDir
	Path directory;

	private Attempts attempts;

	@BeforeEach
	void prepareAttempts() {
		this.attempts = new Attempts(this.directory.resolve("attempts"));
	}

	@Test
	void emptyFile() throws IOException {
		assertThat(refused("empty.hprof", new byte[0])).isZero();
	}

	@Test
	void textFile() throws IOException {
		String text = "JAVA PROFILE is what this text is about, and nothing else.\n".repeat(100);
		assertThat(refused("notes.hprof", text.getBytes(StandardCharsets.UTF_8))).isLessThan(32);
	}

	@Test
	void randomBytes() throws IOException {
		byte[] noise = new byte[1 << 20];
		new Random(6).nextBytes(noise);
		assertThat(refused("noise.hprof", noise)).isLessThan(32);
	}

	@Test
	void otherFormatVersion() throws IOException {
		byte[] header = ByteBuffer.allocate(31)
			.put("JAVA PROFILE 9.9.9\0".getBytes(StandardCharsets.US_ASCII))
			.putInt(8)
			.putLong(0)
			.array();
		assertThat(refused("version.hprof", header)).isLessThan(32);
	}

	@Test
	void gzippedDump() throws Exception {
		Path hprof = this.directory.resolve("small.hprof");
		ChildJvm.dumpSmallHeap(hprof, null);
		Path gzipped = this.directory.resolve("small.hprof.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
			Files.copy(hprof, out);
		}
		assertThat(this.attempts.convert(gzipped).rejection().offset()).isLessThan(32);
	}

	@Test
	void headerWithoutRecords() throws IOException {
		byte[] header = ByteBuffer.allocate(31)
			.put("JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII))
			.putInt(8)
			.putLong(System.currentTimeMillis())
			.array();
		assertThat(refused("header-only.hprof", header)).isEqualTo(31);
	}

	private long refused(String name, byte[] content) throws IOException {
		Path hprof = this.directory.resolve(name);
		Files.write(hprof, content);
		return this.attempts.convert(hprof).rejection().offset();
	}

}
