package io.github.v8heapsnapshot.sample;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A background thread that keeps a large buffer alive in a local variable of its
 * {@link #run()} method, where a heap snapshot shows it as a stack local of the thread.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@Component
public class ReportWorker implements SmartLifecycle, Runnable {

	private static final int BUFFER_SIZE = 4 * 1024 * 1024;

	private volatile @Nullable Thread thread;

	@Override
	public void start() {
		Thread thread = new Thread(this, "report-worker");
		thread.setDaemon(true);
		thread.start();
		this.thread = thread;
	}

	@Override
	public void stop() {
		Thread thread = this.thread;
		this.thread = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public void run() {
		long[] buffer = new long[BUFFER_SIZE / Long.BYTES];
		try {
			while (!Thread.currentThread().isInterrupted()) {
				Arrays.fill(buffer, System.nanoTime());
				Thread.sleep(1000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
