package io.github.v8heapsnapshot.boot.snapshot;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link HeapSnapshotAdmission}.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotAdmissionTests {

	private static final long MB = DataSize.ofMegabytes(1).toBytes();

	@TempDir
	Path temp;

	@Test
	void refusesADumpThatDoesNotFitOnTheDisk() {
		HeapSnapshotAdmission admission = new FixedAdmission(100 * MB, 1000 * MB, 449 * MB);
		assertThatExceptionOfType(InsufficientDiskSpaceException.class)
			.isThrownBy(() -> admission.checkDiskSpace(this.temp))
			.withMessage("Not enough free disk space for a heap snapshot: about 450 MB needed for 100 MB "
					+ "of used heap, 449 MB free");
		assertThatNoException().isThrownBy(
				() -> new FixedAdmission(100 * MB, 1000 * MB, 450 * MB).checkDiskSpace(this.temp));
	}

	@Test
	void refusesAConversionWithLessFreeHeapThanTheReserve() {
		HeapSnapshotAdmission admission = new FixedAdmission(900 * MB, 1000 * MB, 0);
		admission.setFreeHeapReserve(101 * MB);
		assertThatExceptionOfType(InsufficientHeapException.class).isThrownBy(admission::checkFreeHeap)
			.withMessageStartingWith("Not enough free heap to convert the heap dump: 100 MB free of 1000 MB, "
					+ "the conversion may need 101 MB");
		admission.setFreeHeapReserve(100 * MB);
		assertThatNoException().isThrownBy(admission::checkFreeHeap);
	}

	@Test
	void tellsAFullDisk() {
		HeapSnapshotAdmission full = new FixedAdmission(0, 0, MB);
		HeapSnapshotAdmission notFull = new FixedAdmission(0, 0, 100 * MB);
		assertThat(full.isDiskFull(this.temp)).isTrue();
		assertThat(notFull.isDiskFull(this.temp)).isFalse();
	}

	private static final class FixedAdmission extends HeapSnapshotAdmission {

		private final long used;

		private final long max;

		private final long usable;

		FixedAdmission(long used, long max, long usable) {
			this.used = used;
			this.max = max;
			this.usable = usable;
		}

		@Override
		protected long usedHeap() {
			return this.used;
		}

		@Override
		protected long maxHeap() {
			return this.max;
		}

		@Override
		protected long usableSpace(Path directory) {
			return this.usable;
		}

	}

}
