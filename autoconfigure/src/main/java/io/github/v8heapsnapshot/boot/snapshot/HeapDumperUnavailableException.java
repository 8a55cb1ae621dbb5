package io.github.v8heapsnapshot.boot.snapshot;

/**
 * Thrown when this JVM cannot dump its heap, for example because it has no
 * {@code HotSpotDiagnosticMXBean}.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapDumperUnavailableException extends HeapSnapshotException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public HeapDumperUnavailableException(String message) {
		super(message);
	}

}
