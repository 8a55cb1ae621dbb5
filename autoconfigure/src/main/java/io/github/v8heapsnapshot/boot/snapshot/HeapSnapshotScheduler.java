package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Takes heap snapshots on a schedule, on its own single daemon thread. A scheduled
 * snapshot is skipped when another one is in progress. Started and stopped with the
 * application context.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotScheduler implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(HeapSnapshotScheduler.class);

	/**
	 * How long stopping waits for an interrupted snapshot to remove its files. A dump
	 * cannot be interrupted; files left after this wait are removed at the next start.
	 */
	private static final int AWAIT_TERMINATION_SECONDS = 30;

	private final HeapSnapshotService service;

	private final Trigger trigger;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	/**
	 * Creates a scheduler.
	 * @param service the service that takes the snapshots
	 * @param trigger when to take them
	 */
	public HeapSnapshotScheduler(HeapSnapshotService service, Trigger trigger) {
		this.service = service;
		this.trigger = trigger;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("v8heapsnapshot-");
		scheduler.setAwaitTerminationSeconds(AWAIT_TERMINATION_SECONDS);
		scheduler.initialize();
		scheduler.schedule(this::takeSnapshot, this.trigger);
		this.scheduler = scheduler;
	}

	private void takeSnapshot() {
		try {
			HeapSnapshotDescriptor descriptor = this.service.takeSnapshot(SnapshotTrigger.SCHEDULED, null);
			logger.info("Took scheduled heap snapshot '" + descriptor.name() + "'");
		}
		catch (SnapshotInProgressException ex) {
			logger.debug("Skipped a scheduled heap snapshot: another one is in progress");
		}
		catch (IOException | HeapSnapshotException ex) {
			logger.warn("Scheduled heap snapshot failed", ex);
		}
	}

	/**
	 * Stops taking snapshots, and interrupts a snapshot in progress and waits for it to
	 * remove its files.
	 */
	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
