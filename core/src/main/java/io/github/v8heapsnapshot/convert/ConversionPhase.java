package io.github.v8heapsnapshot.convert;

/**
 * The phases of a conversion, in the order they run.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum ConversionPhase {

	/**
	 * Reading the HPROF records: classes, roots, and the id of every object.
	 */
	INDEX,

	/**
	 * Resolving references between objects into nodes and edges.
	 */
	LINK,

	/**
	 * Writing the {@code .heapsnapshot} file.
	 */
	WRITE

}
