package io.github.v8heapsnapshot.boot.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when another heap snapshot is in progress and does not end within the busy wait.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class SnapshotInProgressException extends HeapSnapshotException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable HeapSnapshotTask inProgress;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public SnapshotInProgressException(String message) {
		this(message, null);
	}

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 * @param inProgress the snapshot in progress, if known
	 */
	public SnapshotInProgressException(String message, @Nullable HeapSnapshotTask inProgress) {
		super(message);
		this.inProgress = inProgress;
	}

	/**
	 * Returns the snapshot in progress.
	 * @return the snapshot, or {@code null} if not known (another service's, or one
	 * that has just started)
	 * @since 0.2.0
	 */
	public @Nullable HeapSnapshotTask getInProgress() {
		return this.inProgress;
	}

}
