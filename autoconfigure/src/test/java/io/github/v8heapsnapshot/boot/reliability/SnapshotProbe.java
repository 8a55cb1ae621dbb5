package io.github.v8heapsnapshot.boot.reliability;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;

/**
 * Counts the snapshots in progress at the same time, as the service reports them, and the
 * scheduled snapshots taken and skipped.
 *
 * @author v8heapsnapshot developers
 */
class SnapshotProbe implements HeapSnapshotListener {

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicInteger mostActive = new AtomicInteger();

	private final AtomicInteger started = new AtomicInteger();

	private final AtomicInteger scheduled = new AtomicInteger();

	private final AtomicInteger scheduledSkipped = new AtomicInteger();

	@Override
	public void started(SnapshotTrigger trigger) {
		this.started.incrementAndGet();
		if (trigger == SnapshotTrigger.SCHEDULED) {
			this.scheduled.incrementAndGet();
		}
		this.mostActive.accumulateAndGet(this.active.incrementAndGet(), Math::max);
	}

	@Override
	public void ended(SnapshotTrigger trigger) {
		this.active.decrementAndGet();
	}

	@Override
	public void rejected(SnapshotTrigger trigger) {
		if (trigger == SnapshotTrigger.SCHEDULED) {
			this.scheduledSkipped.incrementAndGet();
		}
	}

	int active() {
		return this.active.get();
	}

	int mostActive() {
		return this.mostActive.get();
	}

	int started() {
		return this.started.get();
	}

	int scheduled() {
		return this.scheduled.get();
	}

	int scheduledSkipped() {
		return this.scheduledSkipped.get();
	}

}
