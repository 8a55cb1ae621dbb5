package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.v8heapsnapshot.cancel.Cancellation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConversionOptions#withThreads(int)} on a dump of this JVM large enough for
 * every pass to split its work.
 *
 * @author v8heapsnapshot developers
 */
class ThreadLimitTests {

	@TempDir
	static Path temp;

	private static Path hprof;

	@BeforeAll
	static void dumpThisJvm() throws IOException {
		List<long[]> ballast = new ArrayList<>();
		for (int i = 0; i < 400_000; i++) {
			ballast.add(new long[4]);
		}
		hprof = temp.resolve("self.hprof");
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(hprof.toString(), true);
		assertThat(ballast).hasSize(400_000);
		assertThat(Files.size(hprof)).isGreaterThan(2 * IndexPass.PARALLEL_THRESHOLD);
	}

	@Test
	void startsNoThreadWhenLimitedToOne() throws IOException {
		Set<String> started = convert(1, temp.resolve("one.heapsnapshot"));
		assertThat(started).isEmpty();
	}

	@Test
	void writesTheSameSnapshotWithOneThreadAsWithTwo() throws IOException {
		Set<String> started = convert(2, temp.resolve("two.heapsnapshot"));
		convert(1, temp.resolve("single.heapsnapshot"));
		assertThat(started).isNotEmpty().allSatisfy((name) -> assertThat(name).startsWith("v8heapsnapshot-"));
		assertThat(Files.mismatch(temp.resolve("two.heapsnapshot"), temp.resolve("single.heapsnapshot")))
			.isEqualTo(-1);
	}

	private static Set<String> convert(int threads, Path snapshot) throws IOException {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		ConversionListener watcher = (phase, done, total) -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("v8heapsnapshot-"))
			.forEach(seen::add);
		new HeapSnapshotConverter(ConversionOptions.defaults().withThreads(threads)).convert(hprof, snapshot,
				watcher, new Cancellation());
		return seen;
	}

}
