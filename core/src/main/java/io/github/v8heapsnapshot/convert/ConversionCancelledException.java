package io.github.v8heapsnapshot.convert;

import java.io.IOException;

/**
 * Thrown when a conversion stops because it was cancelled or its thread interrupted. No
 * output file is left behind.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class ConversionCancelledException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public ConversionCancelledException(String message) {
		super(message);
	}

}
