package io.github.v8heapsnapshot.boot.snapshot;

/**
 * Thrown before dumping when the storage directory has less free space than the dump and
 * the snapshot are estimated to need, and when the disk fills up during a snapshot.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class InsufficientDiskSpaceException extends HeapSnapshotException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public InsufficientDiskSpaceException(String message) {
		super(message);
	}

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 * @param cause the failed write
	 */
	public InsufficientDiskSpaceException(String message, Throwable cause) {
		super(message, cause);
	}

}
