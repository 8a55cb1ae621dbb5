package io.github.v8heapsnapshot.summary;

import java.io.IOException;

/**
 * Thrown when a file is not a {@code .heapsnapshot} that the summarizer can read.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class SnapshotFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message the detail message
	 */
	public SnapshotFormatException(String message) {
		super(message);
	}

}
