package io.github.v8heapsnapshot.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;

/**
 * Stops the command when the process that started it ends, as when it is killed: cancels
 * the conversion, which then deletes its partial output, and halts the JVM if the
 * conversion has not stopped a few seconds later.
 *
 * @author v8heapsnapshot developers
 */
final class ParentWatch implements AutoCloseable {

	// ProcessHandle.onExit() polls a process that is not a child ever more slowly, up to every 5 s
	private static final long POLL_MILLIS = 200;

	private static final long GRACE_MILLIS = 5_000;

	private final long pid;

	private final Cancellation cancellation;

	private final PrintStream err;

	private final @Nullable Thread thread;

	private ParentWatch(OptionalLong pid, Cancellation cancellation, PrintStream err) {
		this.pid = pid.orElse(0);
		this.cancellation = cancellation;
		this.err = err;
		this.thread = pid.isPresent() ? new Thread(this::run, "v8heapsnapshot-parent-watch") : null;
	}

	/**
	 * Starts watching on a daemon thread, until closed.
	 * @param pid the process whose end stops the command, or empty to watch none
	 * @param cancellation the conversion's cancellation
	 * @param err where to say why the command stops
	 * @return the watch
	 */
	static ParentWatch start(OptionalLong pid, Cancellation cancellation, PrintStream err) {
		ParentWatch watch = new ParentWatch(pid, cancellation, err);
		if (watch.thread != null) {
			watch.thread.setDaemon(true);
			watch.thread.start();
		}
		return watch;
	}

	/**
	 * Stops watching.
	 */
	@Override
	public void close() {
		if (this.thread != null) {
			this.thread.interrupt();
		}
	}

	private void run() {
		// A handle also tells a process that took the pid over from the one that ended
		Optional<ProcessHandle> parent = ProcessHandle.of(this.pid);
		try {
			while (parent.isPresent() && parent.get().isAlive()) {
				Thread.sleep(POLL_MILLIS);
			}
			this.err.println("v8heapsnapshot: process " + this.pid + " ended, stopping the conversion");
			this.cancellation.cancel();
			Thread.sleep(GRACE_MILLIS);
		}
		catch (InterruptedException ex) {
			return;
		}
		this.err.println("v8heapsnapshot: the conversion did not stop within " + GRACE_MILLIS / 1000
				+ " s of the end of process " + this.pid + ", halting");
		Runtime.getRuntime().halt(1);
	}

}
