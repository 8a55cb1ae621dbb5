package io.github.v8heapsnapshot.convert;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cancel.CancelledException;

/**
 * Tells the listener how far the running phase is, and stops the conversion when the
 * conversion is cancelled or its thread interrupted.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Progress {

	private final ConversionListener listener;

	private final Cancellation cancellation;

	private ConversionPhase phase = ConversionPhase.INDEX;

	Progress(ConversionListener listener, Cancellation cancellation) {
		this.listener = listener;
		this.cancellation = cancellation;
	}

	void phase(ConversionPhase phase) {
		this.phase = phase;
	}

	void update(long done, long total) throws CancelledException {
		check();
		this.listener.progress(this.phase, done, total);
	}

	void objectIdsAssigned(ObjectIdStatistics statistics) {
		this.listener.objectIdsAssigned(statistics);
	}

	void check() throws CancelledException {
		this.cancellation.check();
	}

}
