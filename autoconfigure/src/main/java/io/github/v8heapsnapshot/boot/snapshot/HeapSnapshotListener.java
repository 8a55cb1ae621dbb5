package io.github.v8heapsnapshot.boot.snapshot;

import java.time.Duration;

/**
 * Told about the heap snapshots a {@link HeapSnapshotService} takes, for example to
 * record meters. Called on the thread that takes the snapshot.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public interface HeapSnapshotListener {

	/**
	 * Called when a snapshot starts.
	 * @param trigger what asked for it
	 */
	default void started(SnapshotTrigger trigger) {
	}

	/**
	 * Called when a phase ends, successfully or not.
	 * @param phase the phase
	 * @param trigger what asked for the snapshot
	 * @param duration how long the phase took
	 * @param success whether the phase succeeded
	 */
	default void phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, Duration duration, boolean success) {
	}

	/**
	 * Called when a snapshot has been stored.
	 * @param descriptor the stored snapshot
	 */
	default void stored(HeapSnapshotDescriptor descriptor) {
	}

	/**
	 * Called when a snapshot ends, after {@link #stored} or after a failure.
	 * @param trigger what asked for it
	 */
	default void ended(SnapshotTrigger trigger) {
	}

	/**
	 * Called when a snapshot is not taken because another one is in progress.
	 * @param trigger what asked for the rejected snapshot
	 */
	default void rejected(SnapshotTrigger trigger) {
	}

}
