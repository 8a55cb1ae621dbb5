package io.github.v8heapsnapshot.boot.snapshot;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapSnapshotNames}.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotNamesTests {

	@Test
	void nameFollowsNodesPatternWithLocalTimeAndPidAndAnInstanceNumber() {
		String name = HeapSnapshotNames.next(LocalDateTime.of(2026, 11, 25, 17, 2, 5));
		assertThat(name).matches("Heap\\.20261125\\.170205\\." + ProcessHandle.current().pid()
				+ "\\.[1-9]\\d{0,4}\\.\\d{3,}\\.heapsnapshot");
		assertThat(HeapSnapshotNames.isValid(name)).isTrue();
	}

	@Test
	void namesTakenInTheSameSecondDifferAndSortInOrder() {
		LocalDateTime time = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
		String first = HeapSnapshotNames.next(time);
		String second = HeapSnapshotNames.next(time);
		assertThat(first).isLessThan(second);
	}

	@Test
	void namesSortByTime() {
		String earlier = HeapSnapshotNames.next(LocalDateTime.of(2026, 1, 31, 23, 59, 59));
		String later = HeapSnapshotNames.next(LocalDateTime.of(2026, 2, 1, 0, 0, 0));
		assertThat(earlier).isLessThan(later);
	}

	@Test
	void onlySnapshotNamesAreValid() {
		assertThat(HeapSnapshotNames.isValid("Heap.20261125.170205.13136.0.001.heapsnapshot")).isTrue();
		assertThat(HeapSnapshotNames.isValid("Heap.20261125.170205.13136.0.1234.heapsnapshot")).isTrue();
		assertThat(HeapSnapshotNames.isValid("Heap.20261125.170205.13136.0.01.heapsnapshot")).isFalse();
		assertThat(HeapSnapshotNames.isValid(".Heap.20261125.170205.13136.0.001.heapsnapshot")).isFalse();
		assertThat(HeapSnapshotNames.isValid("Heap.20261125.170205.13136.0.001.heapsnapshot.json")).isFalse();
		assertThat(HeapSnapshotNames.isValid("Heap.20261125.170205.13136.0.001.hprof")).isFalse();
		assertThat(HeapSnapshotNames.isValid("../Heap.20261125.170205.13136.0.001.heapsnapshot")).isFalse();
		assertThat(HeapSnapshotNames.isValid("/snapshots/Heap.20261125.170205.13136.0.001.heapsnapshot")).isFalse();
		assertThat(HeapSnapshotNames.isValid("Heap.20261125.170205.13136.0.001.heapsnapshot\n")).isFalse();
		assertThat(HeapSnapshotNames.isValid("Heap.2026112５.170205.13136.0.001.heapsnapshot")).isFalse();
		assertThat(HeapSnapshotNames.isValid("")).isFalse();
	}

}
