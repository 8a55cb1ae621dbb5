package io.github.v8heapsnapshot.boot.conversion;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cli.HeapSnapshotCommand;
import io.github.v8heapsnapshot.convert.ConversionListener;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionPhase;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.ObjectIdStatistics;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ChildJvmConverter} on a dump of this JVM.
 *
 * @author v8heapsnapshot developers
 */
class ChildJvmConverterTests {

	@TempDir
	static Path temp;

	private static Path hprof;

	@BeforeAll
	static void dumpThisJvm() throws IOException {
		hprof = temp.resolve("self.hprof");
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(hprof.toString(), true);
	}

	@Test
	void convertsInAChildJvmWithASmallHeapOnOneCore() throws IOException {
		ChildJvmConverter converter = new ChildJvmConverter();
		Path snapshot = temp.resolve("child.heapsnapshot");
		ConversionOptions options = options();
		ConversionResult result = converter.convert(hprof, snapshot, options, ConversionListener.NONE, new Cancellation());
		SnapshotModel model = SnapshotModel.read(snapshot);
		assertThat(result.nodeCount()).isEqualTo(model.nodeCount()).isGreaterThan(10_000);
		assertThat(result.edgeCount()).isEqualTo(model.edgeCount());
		assertThat(result.snapshotBytes()).isEqualTo(Files.size(snapshot));
		assertThat(converter.command(hprof, snapshot, options)).contains("-Xmx64m", "-XX:ActiveProcessorCount=1",
				"-XX:TieredStopAtLevel=1", "--threads", "1", "--machine-readable", "--parent-pid",
				Long.toString(ProcessHandle.current().pid()));
	}

	@Test
	void reportsHowTheObjectsGotTheirIds() throws IOException {
		ChildJvmConverter converter = new ChildJvmConverter();
		Path table = temp.resolve("object-ids");
		List<ObjectIdStatistics> reported = new ArrayList<>();
		ConversionListener listener = new ConversionListener() {

			@Override
			public void progress(ConversionPhase phase, long done, long total) {
			}

			@Override
			public void objectIdsAssigned(ObjectIdStatistics statistics) {
				reported.add(statistics);
			}

		};
		for (String name : List.of("first", "second")) {
			converter.convert(hprof, temp.resolve(name + ".heapsnapshot"), options().withObjectIds(table), listener,
					new Cancellation());
		}
		assertThat(reported).hasSize(2);
		ObjectIdStatistics first = reported.get(0);
		ObjectIdStatistics second = reported.get(1);
		assertThat(first.nodes()).isGreaterThan(10_000);
		assertThat(first.previousNodes()).isZero();
		// The same dump again: every object is where it was
		assertThat(second.previousNodes()).isEqualTo(first.nodes());
		assertThat(second.keptByAddress()).isEqualTo(second.nodes()).isEqualTo(first.nodes());
		assertThat(second.fresh()).isZero();
	}

	@Test
	void keepsTheOptimizingCompilerForLargeDumps() throws IOException {
		Path large = temp.resolve("large.hprof");
		try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
			file.setLength(300L * 1024 * 1024);
		}
		assertThat(new ChildJvmConverter().command(large, temp.resolve("large.heapsnapshot"), options()))
			.contains("-XX:ActiveProcessorCount=1")
			.doesNotContain("-XX:TieredStopAtLevel=1");
	}

	@Test
	void leavesNoSnapshotWhenTheChildIsKilledAndConvertsAgainAfterwards() throws Exception {
		ChildJvmConverter converter = new ChildJvmConverter();
		Path snapshot = temp.resolve("killed.heapsnapshot");
		CompletableFuture<ConversionResult> conversion = CompletableFuture
			.supplyAsync(() -> convert(converter, snapshot));
		ProcessHandle child = await().atMost(30, TimeUnit.SECONDS).until(ChildJvmConverterTests::child,
				(found) -> found != null);
		Thread.sleep(300);
		child.destroyForcibly();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(conversion::get)
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("ended with status");
		assertThat(snapshot).doesNotExist();
		assertThat(converter.convert(hprof, snapshot, options(), ConversionListener.NONE, new Cancellation()).nodeCount()).isPositive();
		assertThat(snapshot).exists();
	}

	private static ConversionOptions options() throws IOException {
		Path indexes = Files.createTempDirectory(temp, "indexes");
		return ConversionOptions.defaults().withLayout(ObjectLayout.ofRunningJvm()).withTempDirectory(indexes);
	}

	private static ConversionResult convert(ChildJvmConverter converter, Path snapshot) {
		try {
			return converter.convert(hprof, snapshot, options(), ConversionListener.NONE, new Cancellation());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static ProcessHandle child() {
		return ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> String.join(" ", arguments).contains(HeapSnapshotCommand.class.getName()))
				.orElse(false))
			.findFirst()
			.orElse(null);
	}

}
