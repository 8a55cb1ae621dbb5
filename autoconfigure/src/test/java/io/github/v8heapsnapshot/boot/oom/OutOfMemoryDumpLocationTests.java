package io.github.v8heapsnapshot.boot.oom;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.github.v8heapsnapshot.testing.FixtureDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutOfMemoryDumpLocation} and {@link OutOfMemoryDump} on the dumps of
 * JVMs that died of an {@link OutOfMemoryError}.
 *
 * @author v8heapsnapshot developers
 */
class OutOfMemoryDumpLocationTests {

	@TempDir
	Path directory;

	@Test
	void findsTheCompleteDumpsOfDeadJvmsInADirectory() throws Exception {
		String java17 = FixtureDump.java(17).orElseThrow().toString();
		assertThat(OutOfMemoryProcess.run(java17, this.directory.toString())).isEqualTo(3);
		FixtureDump.java(25).ifPresent((java25) -> run(java25.toString(), this.directory.toString()));
		Files.writeString(this.directory.resolve("notes.hprof"), "not named as the JVM names its dumps");
		List<OutOfMemoryDump> dumps = OutOfMemoryDumpLocation.of(this.directory.toString()).find();
		assertThat(dumps).isNotEmpty().allSatisfy((dump) -> {
			assertThat(dump.file().getFileName().toString()).matches("java_pid\\d+\\.hprof");
			assertThat(dump.isComplete()).isTrue();
			assertThat(dump.size()).isEqualTo(Files.size(dump.file()));
		});
	}

	@Test
	void tellsADumpCutShortFromACompleteOne() throws Exception {
		Path hprof = this.directory.resolve("heap-%p.hprof");
		OutOfMemoryProcess.run(FixtureDump.java(17).orElseThrow().toString(), hprof.toString());
		OutOfMemoryDumpLocation location = OutOfMemoryDumpLocation.of(hprof.toString());
		OutOfMemoryDump complete = location.find().get(0);
		assertThat(complete.file().getFileName().toString()).matches("heap-(\\d+|%p)\\.hprof");
		Path cut = Files.copy(complete.file(), this.directory.resolve("heap-1.hprof"), StandardCopyOption.COPY_ATTRIBUTES);
		try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() / 2);
		}
		assertThat(location.find()).hasSize(2).filteredOn((dump) -> dump.file().equals(cut)).singleElement()
			.satisfies((dump) -> assertThat(dump.isComplete()).isFalse());
		assertThat(complete.isComplete()).isTrue();
	}

	private static void run(String java, String heapDumpPath) {
		try {
			OutOfMemoryProcess.run(java, heapDumpPath);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
