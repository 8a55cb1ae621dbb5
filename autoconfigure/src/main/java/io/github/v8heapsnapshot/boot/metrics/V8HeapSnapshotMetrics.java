package io.github.v8heapsnapshot.boot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotPhase;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for heap snapshots: how long each phase takes, how big dumps and
 * snapshots are, what is stored, what is in progress and how many requests were turned
 * away. Records what a {@code HeapSnapshotService} tells it as a
 * {@link HeapSnapshotListener}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class V8HeapSnapshotMetrics implements MeterBinder, HeapSnapshotListener {

	private static final String DURATION = "v8heapsnapshot.duration";

	private static final String SIZE = "v8heapsnapshot.size";

	private static final String ACTIVE = "v8heapsnapshot.active";

	private static final String REJECTED = "v8heapsnapshot.rejected";

	private final HeapSnapshotStore store;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private volatile List<LongTaskTimer.Sample> active = List.of();

	/**
	 * Creates a binder.
	 * @param store the store whose snapshots are counted
	 */
	public V8HeapSnapshotMetrics(HeapSnapshotStore store) {
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("v8heapsnapshot.stored.count", this.store, (store) -> store.usage().count())
			.description("Number of stored heap snapshots")
			.register(registry);
		Gauge.builder("v8heapsnapshot.stored.size", this.store, (store) -> store.usage().bytes())
			.description("Size of the stored heap snapshots, their descriptors and kept dumps")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		activeTimer(registry);
		for (SnapshotTrigger trigger : SnapshotTrigger.values()) {
			rejectedCounter(registry, trigger);
		}
		this.registries.add(registry);
	}

	@Override
	public void started(SnapshotTrigger trigger) {
		this.active = this.registries.stream().map((registry) -> activeTimer(registry).start()).toList();
	}

	@Override
	public void phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, Duration duration, boolean success) {
		for (MeterRegistry registry : this.registries) {
			Timer.builder(DURATION)
				.description("Time taken by a phase of a heap snapshot")
				.tag("phase", phase.value())
				.tag("trigger", trigger.value())
				.tag("outcome", success ? "success" : "failure")
				.register(registry)
				.record(duration);
		}
	}

	@Override
	public void stored(HeapSnapshotDescriptor descriptor) {
		for (MeterRegistry registry : this.registries) {
			sizeSummary(registry, "hprof").record(descriptor.hprofBytes());
			sizeSummary(registry, "heapsnapshot").record(descriptor.snapshotBytes());
		}
	}

	@Override
	public void ended(SnapshotTrigger trigger) {
		this.active.forEach(LongTaskTimer.Sample::stop);
		this.active = List.of();
	}

	@Override
	public void rejected(SnapshotTrigger trigger) {
		for (MeterRegistry registry : this.registries) {
			rejectedCounter(registry, trigger).increment();
		}
	}

	private static LongTaskTimer activeTimer(MeterRegistry registry) {
		return LongTaskTimer.builder(ACTIVE).description("Heap snapshot in progress").register(registry);
	}

	private static DistributionSummary sizeSummary(MeterRegistry registry, String format) {
		return DistributionSummary.builder(SIZE)
			.description("Size of a heap dump or a heap snapshot")
			.baseUnit(BaseUnits.BYTES)
			.tag("format", format)
			.register(registry);
	}

	private static Counter rejectedCounter(MeterRegistry registry, SnapshotTrigger trigger) {
		return Counter.builder(REJECTED)
			.description("Heap snapshots not taken because another one was in progress")
			.tag("trigger", trigger.value())
			.register(registry);
	}

}
