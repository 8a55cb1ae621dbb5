package io.github.v8heapsnapshot.boot.snapshot;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a heap snapshot is in its life.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public enum SnapshotState {

	/**
	 * Being dumped or converted.
	 */
	IN_PROGRESS("in-progress"),

	/**
	 * Stored, and listed with its descriptor.
	 */
	STORED("stored"),

	/**
	 * Failed; nothing of it is stored.
	 */
	FAILED("failed");

	private final String value;

	SnapshotState(String value) {
		this.value = value;
	}

	/**
	 * Returns the name used in JSON.
	 * @return the value
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

}
