package io.github.v8heapsnapshot.boot.pressure;

import java.util.Locale;

/**
 * Why an episode of memory pressure was not captured.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public enum SkipReason {

	/**
	 * Another snapshot was running.
	 */
	BUSY,

	/**
	 * The process reached its most captures.
	 */
	CAP,

	/**
	 * The episode came within the cool-down after the last capture.
	 */
	COOLDOWN,

	/**
	 * Too little free disk space for the dump.
	 */
	DISK,

	/**
	 * The store is in memory ({@code tmpfs}): a dump there would take the memory that is
	 * running out.
	 */
	TMPFS,

	/**
	 * The dump failed.
	 */
	FAILED;

	/**
	 * Returns the lower-case name used in meter tags and logs.
	 * @return the value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
