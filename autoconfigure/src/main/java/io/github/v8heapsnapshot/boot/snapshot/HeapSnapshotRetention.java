package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * How many stored snapshots to keep, how much space they may take and for how long: the
 * oldest are deleted until the rest are within the limits. The newest snapshot is always
 * kept.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotRetention {

	private static final Log logger = LogFactory.getLog(HeapSnapshotRetention.class);

	private final Clock clock;

	private int maxCount = 5;

	private long maxTotalSize = DataSize.ofGigabytes(10).toBytes();

	private Duration maxAge = Duration.ofDays(7);

	/**
	 * Creates a retention policy that measures ages with the system clock.
	 */
	public HeapSnapshotRetention() {
		this(Clock.systemDefaultZone());
	}

	/**
	 * Creates a retention policy.
	 * @param clock the clock that ages are measured with
	 */
	public HeapSnapshotRetention(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Sets the most snapshots to keep.
	 * @param maxCount the count, at least 1
	 */
	public void setMaxCount(int maxCount) {
		Assert.isTrue(maxCount > 0, "'maxCount' must be positive");
		this.maxCount = maxCount;
	}

	/**
	 * Sets the most bytes that the snapshots and their companions may take together.
	 * @param maxTotalSize the size in bytes
	 */
	public void setMaxTotalSize(long maxTotalSize) {
		this.maxTotalSize = maxTotalSize;
	}

	/**
	 * Sets the age after which snapshots are deleted.
	 * @param maxAge the age
	 */
	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * Deletes the oldest snapshots of a store until the rest are within the limits.
	 * @param store the store
	 * @throws IOException if the directory cannot be read or a file deleted
	 */
	public void apply(HeapSnapshotStore store) throws IOException {
		List<HeapSnapshotDescriptor> descriptors = store.list();
		Instant oldest = this.clock.instant().minus(this.maxAge);
		long totalSize = 0;
		for (int i = 0; i < descriptors.size(); i++) {
			HeapSnapshotDescriptor descriptor = descriptors.get(i);
			totalSize += store.size(descriptor.name());
			boolean keep = i == 0 || (i < this.maxCount && totalSize <= this.maxTotalSize
					&& !descriptor.created().isBefore(oldest));
			if (!keep) {
				logger.debug("Deleting heap snapshot '" + descriptor.name() + "' to keep within the retention limits");
				store.delete(descriptor.name());
			}
		}
	}

}
