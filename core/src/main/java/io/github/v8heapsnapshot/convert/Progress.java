package io.github.v8heapsnapshot.convert;

/**
 * Tells the listener how far the running phase is, and stops the conversion when the
 * listener cancels or the converting thread is interrupted.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Progress {

	private final ConversionListener listener;

	private ConversionPhase phase = ConversionPhase.INDEX;

	Progress(ConversionListener listener) {
		this.listener = listener;
	}

	void phase(ConversionPhase phase) {
		this.phase = phase;
	}

	void update(long done, long total) throws ConversionCancelledException {
		check();
		this.listener.progress(this.phase, done, total);
	}

	void objectIdsAssigned(ObjectIdStatistics statistics) {
		this.listener.objectIdsAssigned(statistics);
	}

	void check() throws ConversionCancelledException {
		if (Thread.currentThread().isInterrupted()) {
			throw new ConversionCancelledException("Conversion interrupted");
		}
		if (this.listener.isCancelled()) {
			throw new ConversionCancelledException("Conversion cancelled");
		}
	}

}
