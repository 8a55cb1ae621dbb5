package io.github.v8heapsnapshot.boot.snapshot;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Lets one heap snapshot be taken at a time: the endpoint, the schedule and application
 * code share one lock, a bean of the application context. A permit may be released by
 * another thread than the one that acquired it, so a snapshot can be taken in the
 * background.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotLock {

	private final Semaphore semaphore = new Semaphore(1);

	/**
	 * Acquires the lock, waiting at most the given time for a snapshot in progress.
	 * @param wait how long to wait
	 * @return the permit, to be closed when the snapshot ends, or {@code null} if
	 * another snapshot is still in progress, or the thread was interrupted
	 */
	public @Nullable Permit tryAcquire(Duration wait) {
		try {
			if (this.semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
				return new Permit(this.semaphore);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	/**
	 * Returns whether a snapshot is in progress.
	 * @return {@code true} if the lock is held
	 */
	public boolean isLocked() {
		return this.semaphore.availablePermits() == 0;
	}

	/**
	 * The right to take a snapshot, until closed.
	 */
	public static final class Permit implements AutoCloseable {

		private final Semaphore semaphore;

		private boolean released;

		private Permit(Semaphore semaphore) {
			this.semaphore = semaphore;
		}

		/**
		 * Releases the lock; closing again does nothing.
		 */
		@Override
		public synchronized void close() {
			if (!this.released) {
				this.released = true;
				this.semaphore.release();
			}
		}

	}

}
