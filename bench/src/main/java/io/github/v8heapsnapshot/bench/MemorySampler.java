package io.github.v8heapsnapshot.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Follows the memory of this process while a measured piece of work runs: the used Java
 * heap and the resident anonymous and file-backed memory, sampled every few milliseconds,
 * and the Java heap left in use after each garbage collection.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class MemorySampler implements AutoCloseable {

	private static final long INTERVAL_MILLIS = 5;

	private static final long NOTIFICATION_WAIT_NANOS = 2_000_000_000L;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toUnmodifiableSet());

	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final NotificationListener afterCollection = this::collected;

	private final AtomicLong maxHeapUsed = new AtomicLong();

	private final AtomicLong maxHeapUsedAfterCollection = new AtomicLong(-1);

	private final AtomicInteger collections = new AtomicInteger();

	private final AtomicLong maxAnonymous = new AtomicLong();

	private final AtomicLong maxFile = new AtomicLong();

	private final long collectionsBefore;

	private final Thread thread;

	private volatile boolean running = true;

	private MemorySampler() {
		this.collectors.forEach((collector) -> ((NotificationEmitter) collector)
			.addNotificationListener(this.afterCollection, null, null));
		this.collectionsBefore = collectionCount();
		this.thread = new Thread(this::sample, "memory-sampler");
		this.thread.setDaemon(true);
		sampleOnce();
		this.thread.start();
	}

	static MemorySampler start() {
		return new MemorySampler();
	}

	private void sample() {
		while (this.running) {
			sampleOnce();
			try {
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void sampleOnce() {
		this.maxHeapUsed.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
		ProcessStatus status = ProcessStatus.read();
		this.maxAnonymous.accumulateAndGet(status.anonymous(), Math::max);
		this.maxFile.accumulateAndGet(status.file(), Math::max);
	}

	private void collected(Notification notification, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
			if (this.heapPools.contains(pool.getKey())) {
				used += pool.getValue().getUsed();
			}
		}
		this.maxHeapUsedAfterCollection.accumulateAndGet(used, Math::max);
		this.collections.incrementAndGet();
	}

	/**
	 * Returns the highest sampled used Java heap, garbage included.
	 * @return bytes
	 */
	long maxHeapUsed() {
		return this.maxHeapUsed.get();
	}

	/**
	 * Returns the highest Java heap still in use right after a collection.
	 * @return bytes, or -1 if no collection ran
	 */
	long maxHeapUsedAfterCollection() {
		return this.maxHeapUsedAfterCollection.get();
	}

	/**
	 * Returns the number of garbage collections seen.
	 * @return the count
	 */
	int collections() {
		return this.collections.get();
	}

	/**
	 * Returns the highest sampled resident anonymous memory.
	 * @return bytes
	 */
	long maxAnonymous() {
		return this.maxAnonymous.get();
	}

	/**
	 * Returns the highest sampled resident pages of mapped files.
	 * @return bytes
	 */
	long maxFile() {
		return this.maxFile.get();
	}

	private long collectionCount() {
		return this.collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join();
		sampleOnce();
		// Notifications arrive asynchronously: wait for those of the collections that ran
		long expected = collectionCount() - this.collectionsBefore;
		long deadline = System.nanoTime() + NOTIFICATION_WAIT_NANOS;
		while (this.collections.get() < expected && System.nanoTime() < deadline) {
			Thread.sleep(INTERVAL_MILLIS);
		}
		for (GarbageCollectorMXBean collector : this.collectors) {
			try {
				((NotificationEmitter) collector).removeNotificationListener(this.afterCollection);
			}
			catch (ListenerNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
