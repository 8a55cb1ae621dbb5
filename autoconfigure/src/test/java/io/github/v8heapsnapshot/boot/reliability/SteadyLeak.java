package io.github.v8heapsnapshot.boot.reliability;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the application is ready, leaks 64 KB arrays with some short-lived garbage beside
 * them until the heap is mostly full, then keeps making garbage: an application whose
 * leak puts it under memory pressure.
 *
 * @author v8heapsnapshot developers
 */
class SteadyLeak implements ApplicationListener<ApplicationReadyEvent> {

	private static final int CHUNK = 64 * 1024;

	private final double share;

	private final List<byte[]> leaked = new ArrayList<>();

	private volatile Object garbage;

	SteadyLeak(double share) {
		this.share = share;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Thread thread = new Thread(this::leak, "steady-leak");
		thread.setDaemon(true);
		thread.start();
	}

	private void leak() {
		long target = (long) (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() * this.share);
		while (true) {
			if ((long) this.leaked.size() * CHUNK < target) {
				this.leaked.add(new byte[CHUNK]);
			}
			for (int i = 0; i < 16; i++) {
				this.garbage = new byte[1024];
			}
			LockSupport.parkNanos(200_000);
		}
	}

}
