package io.github.v8heapsnapshot.convert;

/**
 * How a snapshot's nodes got their ids: how many kept the id they had in the previous
 * snapshot of the same JVM, and by which match.
 *
 * @param nodes the nodes of the snapshot
 * @param previousNodes the nodes of the previous snapshot, 0 for the first
 * @param keptByAddress the nodes that kept their id at the same address
 * @param keptByContent the nodes that moved and kept their id by their content
 * @param keptByPlace the nodes that moved and kept their id by where they hang
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record ObjectIdStatistics(long nodes, long previousNodes, long keptByAddress, long keptByContent,
		long keptByPlace) {

	/**
	 * Returns the nodes that kept their id.
	 * @return the count
	 */
	public long kept() {
		return this.keptByAddress + this.keptByContent + this.keptByPlace;
	}

	/**
	 * Returns the nodes that got a new id.
	 * @return the count
	 */
	public long fresh() {
		return this.nodes - kept();
	}

}
