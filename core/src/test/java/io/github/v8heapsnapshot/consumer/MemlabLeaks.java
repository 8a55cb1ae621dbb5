package io.github.v8heapsnapshot.consumer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What memlab's {@code find-leaks} reported for three snapshots of one process (baseline,
 * target, final), every object of the target that the baseline did not have and the final
 * still has being a candidate.
 *
 * @param analysed whether memlab analysed the three files
 * @param error what went wrong otherwise
 * @param seconds how long memlab took
 * @param leaks the leak traces memlab reported, largest first
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record MemlabLeaks(boolean analysed, @Nullable String error, double seconds, List<Leak> leaks) {

	/**
	 * One leak trace.
	 *
	 * @param steps from the GC roots to the leaked objects
	 */
	public record Leak(List<Step> steps) {

		/**
		 * Returns the first object of the trace that memlab marks as leaked.
		 * @return the step, or {@code null}
		 */
		public @Nullable Step firstLeaked() {
			return this.steps.stream().filter(Step::leaked).findFirst().orElse(null);
		}

	}

	/**
	 * One step of a trace: the edge followed and the node it leads to.
	 *
	 * @param edgeName the edge's name, {@code null} for the first step
	 * @param edgeType the edge's type
	 * @param nodeName the node's name
	 * @param nodeType the node's type
	 * @param id the node's id
	 * @param leaked whether memlab marks the node as leaked
	 */
	public record Step(@Nullable String edgeName, @Nullable String edgeType, String nodeName, String nodeType,
			long id, boolean leaked) {
	}

}
