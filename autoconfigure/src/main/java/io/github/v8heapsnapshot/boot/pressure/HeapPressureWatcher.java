package io.github.v8heapsnapshot.boot.pressure;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the JVM's garbage collection notifications and captures the heap once per
 * episode of memory pressure. The notification thread only measures and decides; the
 * capture runs on a thread of the watcher's own.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 * @see CollectorRules
 * @see PressureEpisodes
 */
public class HeapPressureWatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(HeapPressureWatcher.class);

	private final PressureEpisodes episodes;

	private final PressureCapture capture;

	private final List<HeapPressureListener> listeners;

	private final NotificationListener notificationListener = (notification, handback) -> collected(notification);

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final long maxHeap = Runtime.getRuntime().maxMemory();

	private volatile ExecutorService executor = newExecutor();

	private volatile boolean running;

	/**
	 * Creates a watcher.
	 * @param episodes the episode state machine
	 * @param capture what captures the heap
	 * @param listeners told about episodes, captures and skips
	 */
	public HeapPressureWatcher(PressureEpisodes episodes, PressureCapture capture,
			List<HeapPressureListener> listeners) {
		this.episodes = episodes;
		this.capture = capture;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (this.executor.isShutdown()) {
			this.executor = newExecutor();
		}
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(this.notificationListener, null, null);
				this.emitters.add(emitter);
			}
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.notificationListener);
			}
			catch (ListenerNotFoundException ex) {
				// Already gone
			}
		}
		this.emitters.clear();
		this.executor.shutdown();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void collected(Notification notification) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		HeapOccupancy occupancy = CollectorRules.occupancy(info, this.maxHeap);
		if (occupancy == null) {
			return;
		}
		switch (this.episodes.offer(occupancy)) {
			case CAPTURE -> {
				episodeStarted(occupancy);
				this.executor.execute(() -> capture(occupancy));
			}
			case SKIP_CAP -> skip(occupancy, SkipReason.CAP);
			case SKIP_COOLDOWN -> skip(occupancy, SkipReason.COOLDOWN);
			case NONE -> {
			}
		}
	}

	private void episodeStarted(HeapOccupancy occupancy) {
		if (logger.isWarnEnabled()) {
			logger.warn(String.format("Memory pressure: %.0f%% of the long-lived heap in use (%d of %d MB) after %s (%s)%s",
					occupancy.ratio() * 100, occupancy.used() >> 20, occupancy.max() >> 20, occupancy.collector(),
					occupancy.cause(), occupancy.exact() ? "" : ", an upper bound"));
		}
		this.listeners.forEach((listener) -> listener.episodeStarted(occupancy));
	}

	private void skip(HeapOccupancy occupancy, SkipReason reason) {
		episodeStarted(occupancy);
		logger.info("Memory pressure episode not captured: " + reason.value());
		this.listeners.forEach((listener) -> listener.skipped(occupancy, reason));
	}

	private void capture(HeapOccupancy occupancy) {
		try {
			this.capture.capture(occupancy);
			this.listeners.forEach((listener) -> listener.captured(occupancy));
		}
		catch (PressureCaptureSkippedException ex) {
			logger.warn("Memory pressure episode not captured: " + ex.getMessage());
			this.listeners.forEach((listener) -> listener.skipped(occupancy, ex.getReason()));
		}
		catch (RuntimeException ex) {
			logger.error("Memory pressure capture failed", ex);
			this.listeners.forEach((listener) -> listener.skipped(occupancy, SkipReason.FAILED));
		}
		finally {
			this.episodes.captureEnded(Instant.now());
		}
	}

	private static ExecutorService newExecutor() {
		return Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "v8heapsnapshot-pressure");
			thread.setDaemon(true);
			return thread;
		});
	}

}
