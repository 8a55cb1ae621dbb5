package io.github.v8heapsnapshot.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.ThreadMXBean;

/**
 * Follows the memory of this process while a measured piece of work runs: the used Java
 * heap and the resident anonymous and file-backed memory, sampled every few milliseconds,
 * and the number of garbage collections.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class MemorySampler implements AutoCloseable {

	private static final long INTERVAL_MILLIS = 5;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	private final long collectionsBefore;

	private final AtomicLong maxHeapUsed = new AtomicLong();

	private final AtomicLong maxAnonymous = new AtomicLong();

	private final AtomicLong maxFile = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile long collections;

	private volatile long ownAllocation;

	private MemorySampler() {
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
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
		try {
			while (this.running) {
				sampleOnce();
				Thread.sleep(INTERVAL_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.ownAllocation = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
		}
	}

	private void sampleOnce() {
		this.maxHeapUsed.accumulateAndGet(this.memory.getHeapMemoryUsage().getUsed(), Math::max);
		ProcessStatus status = ProcessStatus.read();
		this.maxAnonymous.accumulateAndGet(status.anonymous(), Math::max);
		this.maxFile.accumulateAndGet(status.file(), Math::max);
	}

	private long collectionCount() {
		return this.collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
	}

	/**
	 * Returns the highest sampled used Java heap, garbage included.
	 * @return bytes
	 */
	long maxHeapUsed() {
		return this.maxHeapUsed.get();
	}

	/**
	 * Returns the Java heap that the sampling itself allocated, to be subtracted from
	 * {@link #maxHeapUsed()} when no collection ran.
	 * @return bytes
	 */
	long ownAllocation() {
		return this.ownAllocation;
	}

	/**
	 * Returns the number of garbage collections that ran while sampling.
	 * @return the count
	 */
	long collections() {
		return this.collections;
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

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join();
		sampleOnce();
		this.collections = collectionCount() - this.collectionsBefore;
	}

}
