package io.github.v8heapsnapshot.boot.snapshot;

/**
 * Base class of the reasons why a heap snapshot is not taken, other than I/O failures.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public abstract class HeapSnapshotException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	protected HeapSnapshotException(String message) {
		super(message);
	}

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 * @param cause the cause
	 */
	protected HeapSnapshotException(String message, Throwable cause) {
		super(message, cause);
	}

}
