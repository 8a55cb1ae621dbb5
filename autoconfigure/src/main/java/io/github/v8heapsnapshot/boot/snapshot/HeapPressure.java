package io.github.v8heapsnapshot.boot.snapshot;

/**
 * What made a snapshot under memory pressure: how full the long-lived heap was after a
 * garbage collection.
 *
 * @param occupancy the share of the long-lived heap in use, between 0 and 1
 * @param usedBytes the bytes in use in the long-lived heap
 * @param maxBytes the most bytes the long-lived heap may hold
 * @param exact whether the collection measured the long-lived heap ({@code false}: an
 * upper bound, as after a young collection)
 * @param collector the garbage collector that ran, such as {@code G1 Young Generation}
 * @param cause why it ran, such as {@code G1 Evacuation Pause}
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record HeapPressure(double occupancy, long usedBytes, long maxBytes, boolean exact, String collector,
		String cause) {

}
