package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapSnapshotRetention}.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotRetentionTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@TempDir
	Path temp;

	private HeapSnapshotStore store;

	private final HeapSnapshotRetention retention = new HeapSnapshotRetention(Clock.fixed(NOW, ZoneOffset.UTC));

	@BeforeEach
	void createStore() {
		this.store = new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp));
	}

	@Test
	void keepsTheNewestWithinTheCount() throws IOException {
		this.retention.setMaxCount(2);
		TestSnapshots.store(this.store, NOW.minusSeconds(3), 10);
		HeapSnapshotDescriptor second = TestSnapshots.store(this.store, NOW.minusSeconds(2), 10);
		HeapSnapshotDescriptor third = TestSnapshots.store(this.store, NOW.minusSeconds(1), 10);
		this.retention.apply(this.store);
		assertThat(this.store.list()).containsExactly(third, second);
		assertThat(HeapSnapshotStoreTests.filesIn(this.temp)).hasSize(4);
	}

	@Test
	void keepsTheNewestWithinTheTotalSize() throws IOException {
		HeapSnapshotDescriptor first = TestSnapshots.store(this.store, NOW.minusSeconds(3), 1000);
		HeapSnapshotDescriptor second = TestSnapshots.store(this.store, NOW.minusSeconds(2), 1000);
		HeapSnapshotDescriptor third = TestSnapshots.store(this.store, NOW.minusSeconds(1), 1000);
		this.retention.setMaxTotalSize(this.store.size(third.name()) + this.store.size(second.name())
				+ this.store.size(first.name()) - 1);
		this.retention.apply(this.store);
		assertThat(this.store.list()).containsExactly(third, second);
	}

	@Test
	void keepsTheNewestWithinTheAge() throws IOException {
		this.retention.setMaxAge(Duration.ofHours(1));
		TestSnapshots.store(this.store, NOW.minus(Duration.ofHours(2)), 10);
		HeapSnapshotDescriptor recent = TestSnapshots.store(this.store, NOW.minus(Duration.ofMinutes(30)), 10);
		this.retention.apply(this.store);
		assertThat(this.store.list()).containsExactly(recent);
	}

	@Test
	void alwaysKeepsTheNewest() throws IOException {
		this.retention.setMaxAge(Duration.ofHours(1));
		this.retention.setMaxTotalSize(1);
		HeapSnapshotDescriptor old = TestSnapshots.store(this.store, NOW.minus(Duration.ofDays(2)), 1000);
		this.retention.apply(this.store);
		assertThat(this.store.list()).containsExactly(old);
	}

}
