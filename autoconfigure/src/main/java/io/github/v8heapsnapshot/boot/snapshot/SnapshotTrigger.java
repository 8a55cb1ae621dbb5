package io.github.v8heapsnapshot.boot.snapshot;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What asked for a heap snapshot.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum SnapshotTrigger {

	/**
	 * A request to the actuator endpoint.
	 */
	ENDPOINT,

	/**
	 * The schedule.
	 */
	SCHEDULED,

	/**
	 * Application code calling {@link HeapSnapshotService}.
	 */
	API;

	/**
	 * Returns the lower-case name used in descriptors and meter tags.
	 * @return the value
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
