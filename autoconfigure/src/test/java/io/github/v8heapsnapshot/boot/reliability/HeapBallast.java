package io.github.v8heapsnapshot.boot.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the heap with live arrays until a share of its maximum is in use, to snapshot an
 * application under memory pressure.
 *
 * @author v8heapsnapshot developers
 */
class HeapBallast {

	private static final int CHUNK = 256 * 1024;

	private final List<byte[]> chunks = new ArrayList<>();

	HeapBallast(int percent) {
		System.gc();
		while (usedPercent() < percent) {
			this.chunks.add(new byte[CHUNK]);
			if (this.chunks.size() % 16 == 0) {
				System.gc();
			}
		}
	}

	private static long usedPercent() {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		return heap.getUsed() * 100 / heap.getMax();
	}

}
