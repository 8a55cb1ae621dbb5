package io.github.v8heapsnapshot.boot.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.v8heapsnapshot.boot.pressure.HeapOccupancy;
import io.github.v8heapsnapshot.boot.pressure.HeapPressureListener;
import io.github.v8heapsnapshot.boot.pressure.PressureEpisodes;
import io.github.v8heapsnapshot.boot.pressure.SkipReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for captures on memory pressure: episodes, captures, episodes
 * skipped by reason, and the state of the watcher (0 armed, 1 capturing, 2 cooling down).
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapPressureMetrics implements MeterBinder, HeapPressureListener {

	private static final String EPISODES = "v8heapsnapshot.pressure.episodes";

	private static final String CAPTURES = "v8heapsnapshot.pressure.captures";

	private static final String SKIPPED = "v8heapsnapshot.pressure.skipped";

	private final PressureEpisodes episodes;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Creates a binder.
	 * @param episodes the episodes whose state is measured
	 */
	public HeapPressureMetrics(PressureEpisodes episodes) {
		this.episodes = episodes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("v8heapsnapshot.pressure.state", this.episodes, (episodes) -> episodes.state().ordinal())
			.description("State of the memory pressure watcher: 0 armed, 1 capturing, 2 cooling down")
			.register(registry);
		episodes(registry);
		captures(registry);
		for (SkipReason reason : SkipReason.values()) {
			skipped(registry, reason);
		}
		this.registries.add(registry);
	}

	@Override
	public void episodeStarted(HeapOccupancy occupancy) {
		this.registries.forEach((registry) -> episodes(registry).increment());
	}

	@Override
	public void captured(HeapOccupancy occupancy) {
		this.registries.forEach((registry) -> captures(registry).increment());
	}

	@Override
	public void skipped(HeapOccupancy occupancy, SkipReason reason) {
		this.registries.forEach((registry) -> skipped(registry, reason).increment());
	}

	private static Counter episodes(MeterRegistry registry) {
		return Counter.builder(EPISODES)
			.description("Episodes of memory pressure: climbs of the long-lived heap above the threshold")
			.register(registry);
	}

	private static Counter captures(MeterRegistry registry) {
		return Counter.builder(CAPTURES)
			.description("Heap dumps taken on memory pressure")
			.tag("trigger", "heap")
			.register(registry);
	}

	private static Counter skipped(MeterRegistry registry, SkipReason reason) {
		return Counter.builder(SKIPPED)
			.description("Episodes of memory pressure that were not captured")
			.tag("reason", reason.value())
			.register(registry);
	}

}
