package io.github.v8heapsnapshot.boot.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotNames;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.TestSnapshots;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotPhase;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link V8HeapSnapshotMetrics}.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@TempDir
	Path temp;

	private HeapSnapshotStore store;

	private V8HeapSnapshotMetrics metrics;

	@BeforeEach
	void bind() {
		this.store = new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp));
		this.metrics = new V8HeapSnapshotMetrics(this.store);
		this.metrics.bindTo(this.registry);
	}

	@Test
	void everyMeterHasADescription() {
		this.metrics.phaseEnded(SnapshotPhase.DUMP, SnapshotTrigger.API, Duration.ofMillis(5), true);
		this.metrics.stored(descriptor(HeapSnapshotNames.next(LocalDateTime.now())));
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.contains("v8heapsnapshot.duration", "v8heapsnapshot.size", "v8heapsnapshot.stored.count",
					"v8heapsnapshot.stored.size", "v8heapsnapshot.active", "v8heapsnapshot.rejected");
		assertThat(this.registry.getMeters()).extracting(Meter::getId)
			.allSatisfy((id) -> assertThat(id.getDescription()).isNotBlank());
	}

	@Test
	void recordsPhasesByTriggerAndOutcome() {
		this.metrics.phaseEnded(SnapshotPhase.DUMP, SnapshotTrigger.SCHEDULED, Duration.ofMillis(300), true);
		this.metrics.phaseEnded(SnapshotPhase.CONVERT, SnapshotTrigger.SCHEDULED, Duration.ofMillis(700), false);
		assertThat(this.registry.get("v8heapsnapshot.duration")
			.tags("phase", "dump", "trigger", "scheduled", "outcome", "success")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
		assertThat(this.registry.get("v8heapsnapshot.duration")
			.tags("phase", "convert", "trigger", "scheduled", "outcome", "failure")
			.timer()
			.count()).isOne();
	}

	@Test
	void recordsSizesByFormatInBytes() {
		this.metrics.stored(descriptor(HeapSnapshotNames.next(LocalDateTime.now())));
		assertThat(this.registry.get("v8heapsnapshot.size").tag("format", "hprof").summary().totalAmount())
			.isEqualTo(3000);
		assertThat(this.registry.get("v8heapsnapshot.size").tag("format", "heapsnapshot").summary().totalAmount())
			.isEqualTo(5000);
		assertThat(this.registry.get("v8heapsnapshot.size").tag("format", "hprof").summary().getId().getBaseUnit())
			.isEqualTo("bytes");
	}

	@Test
	void measuresTheSnapshotInProgress() {
		this.metrics.started(SnapshotTrigger.ENDPOINT);
		assertThat(this.registry.get("v8heapsnapshot.active").longTaskTimer().activeTasks()).isOne();
		this.metrics.ended(SnapshotTrigger.ENDPOINT);
		assertThat(this.registry.get("v8heapsnapshot.active").longTaskTimer().activeTasks()).isZero();
	}

	@Test
	void countsRejectedSnapshotsByTrigger() {
		this.metrics.rejected(SnapshotTrigger.SCHEDULED);
		this.metrics.rejected(SnapshotTrigger.SCHEDULED);
		assertThat(this.registry.get("v8heapsnapshot.rejected").tag("trigger", "scheduled").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get("v8heapsnapshot.rejected").tag("trigger", "endpoint").counter().count())
			.isZero();
	}

	@Test
	void gaugesTheStoredSnapshots() throws IOException {
		assertThat(this.registry.get("v8heapsnapshot.stored.count").gauge().value()).isZero();
		HeapSnapshotDescriptor descriptor = TestSnapshots.store(this.store, Instant.now(), 1000);
		assertThat(this.registry.get("v8heapsnapshot.stored.count").gauge().value()).isOne();
		assertThat(this.registry.get("v8heapsnapshot.stored.size").gauge().value())
			.isEqualTo(1000 + Files.size(this.temp.resolve(descriptor.name() + ".json")));
	}

	@Test
	void tagsNeverHoldFileNames() {
		this.metrics.started(SnapshotTrigger.API);
		this.metrics.phaseEnded(SnapshotPhase.DUMP, SnapshotTrigger.API, Duration.ofMillis(1), true);
		this.metrics.stored(descriptor(HeapSnapshotNames.next(LocalDateTime.now())));
		this.metrics.ended(SnapshotTrigger.API);
		assertThat(this.registry.getMeters()).flatExtracting((meter) -> meter.getId().getTags())
			.allSatisfy((tag) -> assertThat(tag.getValue()).doesNotContain("Heap."));
	}

	private static HeapSnapshotDescriptor descriptor(String name) {
		return new HeapSnapshotDescriptor(name, Instant.now(), SnapshotTrigger.API, true, 3000, 5000, 10, 20, 1, 2);
	}

}
