package io.github.v8heapsnapshot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.v8heapsnapshot.layout.ObjectLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link FixtureDump}: the forked JVM dumps its heap with the flags it was given
 * and records what is true of it.
 *
 * @author v8heapsnapshot developers
 */
class FixtureDumpTests {

	@TempDir
	Path temp;

	@Test
	void dumpsTheHeapOfTheJvmItForks() throws IOException {
		Path java = FixtureDump.java(Runtime.version().feature()).orElseThrow();
		FixtureDump dump = FixtureDump.take(java, this.temp, "-XX:-UseCompressedOops");
		try (InputStream in = Files.newInputStream(dump.hprof())) {
			assertThat(new String(in.readNBytes(18), StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
		}
		ObjectLayout layout = dump.layout();
		assertThat(layout.javaVersion()).isEqualTo(Runtime.version().feature());
		assertThat(layout.compressedOops()).isFalse();
		assertThat(dump.longValue("count." + FixtureHeap.class.getName() + "$Item")).isEqualTo(FixtureHeap.ITEM_COUNT);
		assertThat(dump.value("frame.name")).startsWith(FixtureHeap.class.getName() + ".keepAlive(FixtureHeap.java:");
	}

	@Test
	void passesLayoutFlagsToAnotherJdk() throws IOException {
		Path java = FixtureDump.java(25).orElse(null);
		assumeTrue(java != null, "JDK 25 is not installed");
		ObjectLayout layout = FixtureDump.take(java, this.temp, "-XX:+UseCompactObjectHeaders").layout();
		assertThat(layout.javaVersion()).isEqualTo(25);
		assertThat(layout.compactObjectHeaders()).isTrue();
	}

}
