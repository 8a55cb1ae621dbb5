package io.github.v8heapsnapshot.hprof;

import java.io.IOException;

/**
 * Thrown when an HPROF file is malformed: truncated, an unknown tag, a length past the end
 * of its record, a reference to a class that was never dumped.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HprofFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	private final long offset;

	/**
	 * Creates a new instance.
	 * @param message what is wrong, naming the byte offset
	 * @param offset the byte offset in the file where the fault was found
	 */
	public HprofFormatException(String message, long offset) {
		super(message);
		this.offset = offset;
	}

	/**
	 * Returns the byte offset in the file where the fault was found.
	 * @return the offset
	 */
	public long offset() {
		return this.offset;
	}

	static HprofFormatException truncated(String record, long offset, long needed, long left) {
		return new HprofFormatException("Truncated " + record + " at offset " + offset + ": needs " + needed
				+ " bytes, " + Math.max(0, left) + " left", offset);
	}

}
