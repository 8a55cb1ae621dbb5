package io.github.v8heapsnapshot.boot.snapshot;

/**
 * Thrown after dumping when less heap is free than the conversion of the dump may need.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class InsufficientHeapException extends HeapSnapshotException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public InsufficientHeapException(String message) {
		super(message);
	}

}
