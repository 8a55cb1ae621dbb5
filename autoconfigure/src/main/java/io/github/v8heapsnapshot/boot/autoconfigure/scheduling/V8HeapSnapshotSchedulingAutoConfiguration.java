package io.github.v8heapsnapshot.boot.autoconfigure.scheduling;

import java.time.Duration;

import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotAutoConfiguration;
import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotProperties;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotScheduler;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.PeriodicTrigger;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for scheduled heap snapshots. Off
 * unless {@code v8heapsnapshot.schedule.enabled} is set.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@AutoConfiguration(after = V8HeapSnapshotAutoConfiguration.class)
@ConditionalOnBooleanProperty("v8heapsnapshot.schedule.enabled")
@ConditionalOnBean(HeapSnapshotService.class)
public final class V8HeapSnapshotSchedulingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HeapSnapshotScheduler heapSnapshotScheduler(HeapSnapshotService service, V8HeapSnapshotProperties properties) {
		return new HeapSnapshotScheduler(service, trigger(properties.getSchedule()));
	}

	private static Trigger trigger(V8HeapSnapshotProperties.Schedule schedule) {
		String cron = schedule.getCron();
		if (cron != null) {
			return new CronTrigger(cron);
		}
		Duration initialDelay = schedule.getInitialDelay();
		PeriodicTrigger trigger = new PeriodicTrigger(schedule.getInterval());
		trigger.setInitialDelay((initialDelay != null) ? initialDelay : schedule.getInterval());
		return trigger;
	}

}
