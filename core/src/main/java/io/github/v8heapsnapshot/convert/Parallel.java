package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.v8heapsnapshot.cancel.CancelledException;
import io.github.v8heapsnapshot.cancel.Cancellation;

/**
 * Runs two tasks at once, one in a new thread and one in the calling thread, which keeps
 * talking to the listener. When one fails, the other is asked to stop, and the failure is
 * thrown once both are done (the calling thread's, if both failed). Limited to one thread,
 * it runs them one after the other in the calling thread, the foreground task first.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Parallel {

	private static final long POLL_MILLIS = 100;

	private Parallel() {
	}

	/**
	 * Runs both tasks.
	 * @param threads the most threads to use, counting the calling thread
	 * @param name the name of the new thread
	 * @param background the task of the new thread, which should call
	 * {@link Cancellation#check() stop.check()} now and then
	 * @param foreground the task of the calling thread
	 * @param poll called by the calling thread while it waits for the new one, to report
	 * progress or notice cancellation by throwing
	 * @param stop set when the tasks should stop
	 */
	static void run(int threads, String name, Task background, Task foreground, Task poll, Cancellation stop)
			throws IOException {
		if (threads < 2) {
			foreground.run();
			background.run();
			poll.run();
			return;
		}
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				background.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
				stop.cancel();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		Throwable foregroundFailure = null;
		try {
			foreground.run();
			while (thread.isAlive()) {
				thread.join(POLL_MILLIS);
				poll.run();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			foregroundFailure = new CancelledException("Interrupted");
		}
		catch (IOException | RuntimeException | Error ex) {
			foregroundFailure = ex;
		}
		finally {
			if (foregroundFailure != null) {
				stop.cancel();
			}
			joinUninterruptibly(thread);
		}
		// The foreground task works on the earlier part of the file: its fault comes first
		Throwable backgroundFailure = failure.get();
		Throwable ex = (foregroundFailure != null && !(foregroundFailure instanceof CancelledException))
				? foregroundFailure : (backgroundFailure != null) ? backgroundFailure : foregroundFailure;
		if (ex instanceof IOException io) {
			throw io;
		}
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		if (ex != null) {
			throw new IOException(ex);
		}
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (thread.isAlive()) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A task that may fail.
	 */
	@FunctionalInterface
	interface Task {

		void run() throws IOException;

	}

}
