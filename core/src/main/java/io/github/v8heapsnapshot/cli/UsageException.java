package io.github.v8heapsnapshot.cli;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the command line arguments are wrong.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new instance.
	 * @param message what is wrong
	 */
	UsageException(@Nullable String message) {
		super(message);
	}

}
