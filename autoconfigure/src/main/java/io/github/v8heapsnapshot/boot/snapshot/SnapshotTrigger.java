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
	API,

	/**
	 * An episode of memory pressure, seen by the {@code HeapPressureWatcher}.
	 */
	PRESSURE,

	/**
	 * A dump that the JVM wrote on an {@link OutOfMemoryError} before it died, picked up
	 * at the next start.
	 */
	OOM;

	/**
	 * Returns the lower-case name used in descriptors and meter tags.
	 * @return the value
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
