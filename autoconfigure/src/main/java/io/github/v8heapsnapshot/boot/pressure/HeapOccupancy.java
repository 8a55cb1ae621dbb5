package io.github.v8heapsnapshot.boot.pressure;

import java.time.Instant;

/**
 * How full the long-lived part of the heap was after a garbage collection.
 *
 * @param used the bytes in use in the long-lived pools after the collection
 * @param max the most bytes those pools may hold
 * @param exact whether the collection measured the pools ({@code false}: the figure is an
 * upper bound, as after a young collection that left the old generation untouched)
 * @param collector the name of the garbage collector that ran, such as
 * {@code G1 Young Generation}
 * @param cause why it ran, such as {@code G1 Evacuation Pause}
 * @param time when it ended
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record HeapOccupancy(long used, long max, boolean exact, String collector, String cause, Instant time) {

	/**
	 * Returns the share of the long-lived pools in use.
	 * @return {@code used / max}, between 0 and 1
	 */
	public double ratio() {
		return (double) this.used / this.max;
	}

}
