package io.github.v8heapsnapshot.convert;

import java.time.Duration;
import java.util.Map;

/**
 * What a conversion produced.
 *
 * @param nodeCount the number of nodes in the snapshot
 * @param edgeCount the number of edges in the snapshot
 * @param hprofBytes the size of the HPROF input
 * @param snapshotBytes the size of the {@code .heapsnapshot} written
 * @param phaseDurations the wall time of each phase, in phase order
 * @param shortenedStrings how many string values were cut shorter than the string limit to
 * keep the strings table under the length DevTools and memlab can parse (0 unless the heap
 * holds hundreds of megabytes of distinct text)
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record ConversionResult(long nodeCount, long edgeCount, long hprofBytes, long snapshotBytes,
		Map<ConversionPhase, Duration> phaseDurations, long shortenedStrings) {

	/**
	 * Creates a result, keeping an unmodifiable copy of the durations.
	 * @param nodeCount the number of nodes
	 * @param edgeCount the number of edges
	 * @param hprofBytes the input size
	 * @param snapshotBytes the output size
	 * @param phaseDurations the wall time of each phase
	 * @param shortenedStrings how many string values were shortened
	 */
	public ConversionResult {
		phaseDurations = Map.copyOf(phaseDurations);
	}

	/**
	 * Creates a result where no string value had to be shortened.
	 * @param nodeCount the number of nodes
	 * @param edgeCount the number of edges
	 * @param hprofBytes the input size
	 * @param snapshotBytes the output size
	 * @param phaseDurations the wall time of each phase
	 */
	public ConversionResult(long nodeCount, long edgeCount, long hprofBytes, long snapshotBytes,
			Map<ConversionPhase, Duration> phaseDurations) {
		this(nodeCount, edgeCount, hprofBytes, snapshotBytes, phaseDurations, 0);
	}

	/**
	 * Returns the wall time of the whole conversion.
	 * @return the sum of the phase durations
	 */
	public Duration totalDuration() {
		return this.phaseDurations.values().stream().reduce(Duration.ZERO, Duration::plus);
	}

}
