package io.github.v8heapsnapshot.boot.pressure;

/**
 * Told what the {@link HeapPressureWatcher} saw and did, for meters and logs.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public interface HeapPressureListener {

	/**
	 * Called when the long-lived heap climbed above the threshold: a new episode.
	 * @param occupancy the occupancy that started it
	 */
	default void episodeStarted(HeapOccupancy occupancy) {
	}

	/**
	 * Called when an episode was captured.
	 * @param occupancy the occupancy that started it
	 */
	default void captured(HeapOccupancy occupancy) {
	}

	/**
	 * Called when an episode was not captured.
	 * @param occupancy the occupancy that started it
	 * @param reason why
	 */
	default void skipped(HeapOccupancy occupancy, SkipReason reason) {
	}

}
