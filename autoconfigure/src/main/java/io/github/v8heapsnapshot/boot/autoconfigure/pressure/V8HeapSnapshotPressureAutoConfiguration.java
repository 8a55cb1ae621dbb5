package io.github.v8heapsnapshot.boot.autoconfigure.pressure;

import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotAutoConfiguration;
import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotProperties;
import io.github.v8heapsnapshot.boot.pressure.HeapPressureListener;
import io.github.v8heapsnapshot.boot.pressure.HeapPressureWatcher;
import io.github.v8heapsnapshot.boot.pressure.PressureEpisodes;
import io.github.v8heapsnapshot.boot.pressure.PressureSnapshotCapture;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for heap snapshots on memory
 * pressure. Off unless {@code v8heapsnapshot.pressure.enabled} is set.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@AutoConfiguration(after = V8HeapSnapshotAutoConfiguration.class)
@ConditionalOnBooleanProperty("v8heapsnapshot.pressure.enabled")
@ConditionalOnBean(HeapSnapshotService.class)
public final class V8HeapSnapshotPressureAutoConfiguration {

	/**
	 * How far below the threshold the occupancy must fall, when not configured, before
	 * another episode counts.
	 */
	private static final double REARM_MARGIN = 0.10;

	@Bean
	@ConditionalOnMissingBean
	PressureEpisodes pressureEpisodes(V8HeapSnapshotProperties properties) {
		V8HeapSnapshotProperties.Pressure pressure = properties.getPressure();
		Double rearmBelow = pressure.getRearmBelow();
		return new PressureEpisodes(pressure.getThreshold(),
				(rearmBelow != null) ? rearmBelow : pressure.getThreshold() - REARM_MARGIN, pressure.getConsecutiveGcs(),
				pressure.getWindow(), pressure.getCooldown(), pressure.getMaxCaptures());
	}

	@Bean
	@ConditionalOnMissingBean
	HeapPressureWatcher heapPressureWatcher(PressureEpisodes episodes, HeapSnapshotService service,
			ObjectProvider<HeapPressureListener> listeners) {
		return new HeapPressureWatcher(episodes, new PressureSnapshotCapture(service),
				listeners.orderedStream().toList());
	}

}
