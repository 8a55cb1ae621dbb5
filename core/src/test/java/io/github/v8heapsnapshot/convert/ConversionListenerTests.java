package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cancel.CancelledException;
import io.github.v8heapsnapshot.testing.FixtureDump;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the progress, cancellation and atomic output of {@link HeapSnapshotConverter}
 * on a real dump of the fixture heap.
 *
 * @author v8heapsnapshot developers
 */
class ConversionListenerTests {

	@TempDir
	Path temp;

	private FixtureDump dump;

	private Path indexes;

	private Path snapshot;

	@BeforeEach
	void dump() throws IOException {
		this.dump = FixtureConversions.of(FixtureConversions.JVMS.get(0)).dump();
		this.indexes = Files.createDirectory(this.temp.resolve("indexes"));
		this.snapshot = this.temp.resolve("fixture.heapsnapshot");
	}

	@Test
	void reportsProgressOfEachPhaseInOrder() throws IOException {
		List<Progress> reported = new ArrayList<>();
		ConversionResult result = converter().convert(this.dump.hprof(), this.snapshot,
				(phase, done, total) -> reported.add(new Progress(phase, done, total)), new Cancellation());
		assertThat(reported).extracting(Progress::phase).isSortedAccordingTo(Enum::compareTo)
			.containsOnly(ConversionPhase.values());
		assertThat(reported).allSatisfy((progress) -> assertThat(progress.done()).isBetween(0L, progress.total()));
		assertThat(result.phaseDurations()).containsOnlyKeys(ConversionPhase.values());
		assertThat(result.totalDuration()).isPositive();
	}

	@Test
	void stopsWhenCancelledAndLeavesNoFileBehind() throws IOException {
		Cancellation cancellation = new Cancellation();
		ConversionListener cancelInLink = (phase, done, total) -> {
			if (phase == ConversionPhase.LINK) {
				cancellation.cancel();
			}
		};
		assertThatExceptionOfType(CancelledException.class)
			.isThrownBy(() -> converter().convert(this.dump.hprof(), this.snapshot, cancelInLink, cancellation))
			.withMessage("Cancelled");
		assertNothingLeft();
	}

	@Test
	void stopsWhenInterruptedBeforeItStartsAndLeavesNoFileBehind() {
		try {
			Thread.currentThread().interrupt();
			assertThatExceptionOfType(CancelledException.class)
				.isThrownBy(() -> converter().convert(this.dump.hprof(), this.snapshot))
				.withMessage("Interrupted");
		}
		finally {
			Thread.interrupted();
		}
		assertNothingLeft();
	}

	@ParameterizedTest
	@EnumSource
	void stopsWhenInterruptedInAPhaseAndLeavesNoFileBehind(ConversionPhase interrupted) {
		ConversionListener interruptIn = (phase, done, total) -> {
			if (phase == interrupted) {
				Thread.currentThread().interrupt();
			}
		};
		try {
			assertThatExceptionOfType(CancelledException.class)
				.isThrownBy(() -> converter().convert(this.dump.hprof(), this.snapshot, interruptIn, new Cancellation()));
		}
		finally {
			Thread.interrupted();
		}
		assertNothingLeft();
	}

	@Test
	void replacesAnExistingSnapshot() throws IOException {
		Files.writeString(this.snapshot, "an older snapshot");
		ConversionResult result = converter().convert(this.dump.hprof(), this.snapshot);
		assertThat(SnapshotModel.read(this.snapshot).nodeCount()).isEqualTo(result.nodeCount());
		try (Stream<Path> files = Files.list(this.temp)) {
			assertThat(files).containsExactlyInAnyOrder(this.snapshot, this.indexes);
		}
		try (Stream<Path> files = Files.list(this.indexes)) {
			assertThat(files).isEmpty();
		}
	}

	private void assertNothingLeft() {
		try (Stream<Path> output = Files.list(this.temp); Stream<Path> indexFiles = Files.list(this.indexes)) {
			assertThat(output).containsExactly(this.indexes);
			assertThat(indexFiles).isEmpty();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private HeapSnapshotConverter converter() {
		return new HeapSnapshotConverter(
				ConversionOptions.defaults().withLayout(this.dump.layout()).withTempDirectory(this.indexes));
	}

	private record Progress(ConversionPhase phase, long done, long total) {
	}

}
