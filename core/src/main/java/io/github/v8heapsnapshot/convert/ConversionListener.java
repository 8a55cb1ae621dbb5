package io.github.v8heapsnapshot.convert;

/**
 * Follows a conversion. Called from the converting thread.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public interface ConversionListener {

	/**
	 * A listener that ignores progress.
	 */
	ConversionListener NONE = (phase, done, total) -> {
	};

	/**
	 * Called now and then while a phase runs.
	 * @param phase the running phase
	 * @param done the units of work done in this phase (bytes of the input or the output)
	 * @param total the units of work of the whole phase
	 */
	void progress(ConversionPhase phase, long done, long total);

	/**
	 * Called once the nodes have their ids, when the ids continue those of earlier
	 * snapshots (see {@link ConversionOptions#withObjectIds}).
	 * @param statistics how many nodes kept their id
	 */
	default void objectIdsAssigned(ObjectIdStatistics statistics) {
	}

}
