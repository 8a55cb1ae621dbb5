package io.github.v8heapsnapshot.bench;

import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MemorySampler}.
 *
 * @author v8heapsnapshot developers
 */
class MemorySamplerTests {

	private static final int SIZE = 64 * 1024 * 1024;

	@Test
	void seesHeapKeptAcrossACollection() throws Exception {
		System.gc();
		long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		MemorySampler sampler = MemorySampler.start();
		byte[] kept;
		try (sampler) {
			kept = new byte[SIZE];
			System.gc();
		}
		assertThat(sampler.collections()).isPositive();
		assertThat(sampler.maxHeapUsedAfterCollection() - before).isGreaterThanOrEqualTo(SIZE);
		assertThat(sampler.maxHeapUsed() - before).isGreaterThanOrEqualTo(SIZE);
		Reference.reachabilityFence(kept);
	}

	@Test
	void garbageIsNotKept() throws Exception {
		System.gc();
		long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		MemorySampler sampler = MemorySampler.start();
		try (sampler) {
			allocateGarbage();
			System.gc();
		}
		assertThat(sampler.maxHeapUsedAfterCollection() - before).isLessThan(SIZE / 2);
	}

	private static void allocateGarbage() {
		byte[] garbage = new byte[SIZE];
		Reference.reachabilityFence(garbage);
	}

}
