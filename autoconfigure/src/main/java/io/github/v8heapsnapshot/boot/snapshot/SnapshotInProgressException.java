package io.github.v8heapsnapshot.boot.snapshot;

/**
 * Thrown when another heap snapshot is in progress and does not end within the busy wait.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class SnapshotInProgressException extends HeapSnapshotException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public SnapshotInProgressException(String message) {
		super(message);
	}

}
