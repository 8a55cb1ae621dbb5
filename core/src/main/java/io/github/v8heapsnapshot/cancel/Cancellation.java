package io.github.v8heapsnapshot.cancel;

import java.io.IOException;

/**
 * Asks a conversion or a summary to stop as soon as possible, which it then does with a
 * {@link CancelledException}. Interrupting the working thread has the same effect, and
 * also closes the file channels under the work.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class Cancellation {

	private volatile boolean cancelled;

	/**
	 * Creates a cancellation that is not cancelled yet.
	 */
	public Cancellation() {
	}

	/**
	 * Asks the work to stop. Any thread may call it.
	 */
	public void cancel() {
		this.cancelled = true;
	}

	/**
	 * Returns whether {@link #cancel()} was called.
	 * @return {@code true} once cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Throws if the work should stop: the calling thread was interrupted, or this was
	 * cancelled.
	 * @throws CancelledException if the work should stop
	 */
	public void check() throws CancelledException {
		if (Thread.currentThread().isInterrupted()) {
			throw new CancelledException("Interrupted");
		}
		if (this.cancelled) {
			throw new CancelledException("Cancelled");
		}
	}

	/**
	 * Returns the exception for an I/O failure of the work, which an interrupt causes by
	 * closing the file channels under it.
	 * @param ex the failure
	 * @return a {@link CancelledException} caused by it if the calling thread was
	 * interrupted, otherwise the failure itself
	 */
	public static IOException interrupted(IOException ex) {
		if (!Thread.currentThread().isInterrupted() || ex instanceof CancelledException) {
			return ex;
		}
		CancelledException cancelled = new CancelledException("Interrupted");
		cancelled.initCause(ex);
		return cancelled;
	}

}
