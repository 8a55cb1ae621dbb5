package io.github.v8heapsnapshot.boot.pressure;

/**
 * Captures the heap when an episode of memory pressure starts. Runs on the watcher's own
 * thread, never on the JVM's notification thread.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@FunctionalInterface
public interface PressureCapture {

	/**
	 * Captures the heap.
	 * @param occupancy the occupancy that started the episode
	 * @throws PressureCaptureSkippedException if the heap was not captured
	 */
	void capture(HeapOccupancy occupancy) throws PressureCaptureSkippedException;

}
