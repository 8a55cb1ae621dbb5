package io.github.v8heapsnapshot.boot.snapshot;

import java.util.Locale;

/**
 * The phases of taking a heap snapshot.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum SnapshotPhase {

	/**
	 * Dumping the heap to an HPROF file.
	 */
	DUMP,

	/**
	 * Converting the HPROF file to a {@code .heapsnapshot} file.
	 */
	CONVERT;

	/**
	 * Returns the lower-case name used in meter tags.
	 * @return the value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
