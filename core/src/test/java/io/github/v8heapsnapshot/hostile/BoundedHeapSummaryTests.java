package io.github.v8heapsnapshot.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot of millions of nodes, converted from a real dump, is summarized in a child JVM
 * whose heap is the engine's budget of 64 MB, without an {@link OutOfMemoryError} and
 * without leftovers; a cut one is refused there.
 *
 * @author v8heapsnapshot developers
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedHeapSummaryTests {

	private static final int OBJECTS = 3_000_000;

	@TempDir
	Path directory;

	@Test
	void millionsOfNodesAreSummarizedWithinTheHeapBudget() throws Exception {
		Path hprof = this.directory.resolve("chain.hprof");
		ChildJvm.dumpSmallHeap(hprof, null, OBJECTS);
		Path snapshot = this.directory.resolve("chain.heapsnapshot");
		ConversionResult conversion = new HeapSnapshotConverter(ConversionOptions.defaults()).convert(hprof, snapshot);
		Files.delete(hprof);
		assertThat(conversion.nodeCount()).isGreaterThan(OBJECTS);
		byte[] bytes = Files.readAllBytes(snapshot);
		Path cut = Files.write(this.directory.resolve("cut.heapsnapshot"), Arrays.copyOf(bytes, bytes.length / 2));
		ChildJvm.Result result = ChildJvm.run(this.directory, 400, List.of("-Xmx64m"), SummarizingApplication.class,
				snapshot.toString(), cut.toString());
		assertThat(result.stderr()).doesNotContain("OutOfMemoryError");
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		// The chain's head array retains the whole chain: every link and its string and int[]
		String[] summarized = result.stdout().lines().findFirst().orElseThrow().split(" ");
		assertThat(summarized[0]).isEqualTo("summarized");
		assertThat(Long.parseLong(summarized[2])).isEqualTo(conversion.nodeCount());
		assertThat(summarized[4]).isEqualTo("java.lang.Object[]");
		assertThat(Long.parseLong(summarized[5])).isGreaterThan(Long.parseLong(summarized[3]) / 2);
		assertThat(result.stdout().lines().skip(1)).containsExactly("refused cut.heapsnapshot");
		assertThat(result.tempLeftovers()).isEmpty();
	}

}
