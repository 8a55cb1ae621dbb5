package io.github.v8heapsnapshot.boot.pressure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a {@link PressureCapture} that did not capture the heap.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class PressureCaptureSkippedException extends Exception {

	private final SkipReason reason;

	/**
	 * Creates an exception.
	 * @param reason why the heap was not captured
	 * @param message the details
	 */
	public PressureCaptureSkippedException(SkipReason reason, @Nullable String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns why the heap was not captured.
	 * @return the reason
	 */
	public SkipReason getReason() {
		return this.reason;
	}

}
