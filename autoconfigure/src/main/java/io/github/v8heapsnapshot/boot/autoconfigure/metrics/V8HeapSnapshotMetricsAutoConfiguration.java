package io.github.v8heapsnapshot.boot.autoconfigure.metrics;

import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotAutoConfiguration;
import io.github.v8heapsnapshot.boot.autoconfigure.pressure.V8HeapSnapshotPressureAutoConfiguration;
import io.github.v8heapsnapshot.boot.metrics.HeapPressureMetrics;
import io.github.v8heapsnapshot.boot.metrics.V8HeapSnapshotMetrics;
import io.github.v8heapsnapshot.boot.pressure.PressureEpisodes;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the meters of heap snapshots.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@AutoConfiguration(after = { V8HeapSnapshotAutoConfiguration.class, V8HeapSnapshotPressureAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, HeapSnapshotStore.class })
public final class V8HeapSnapshotMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	V8HeapSnapshotMetrics v8HeapSnapshotMetrics(HeapSnapshotStore store) {
		return new V8HeapSnapshotMetrics(store);
	}

	@Bean
	@ConditionalOnBean(PressureEpisodes.class)
	@ConditionalOnMissingBean
	HeapPressureMetrics heapPressureMetrics(PressureEpisodes episodes) {
		return new HeapPressureMetrics(episodes);
	}

}
