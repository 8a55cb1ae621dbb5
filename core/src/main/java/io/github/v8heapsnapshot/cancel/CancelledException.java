package io.github.v8heapsnapshot.cancel;

import java.io.InterruptedIOException;

/**
 * Thrown when a conversion or a summary stops because its {@link Cancellation} was
 * cancelled or its thread interrupted. No output file is left behind.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class CancelledException extends InterruptedIOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public CancelledException(String message) {
		super(message);
	}

}
