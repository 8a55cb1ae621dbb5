package io.github.v8heapsnapshot.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

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
	void seesHeapAllocatedWhileSampling() throws Exception {
		System.gc();
		long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		MemorySampler sampler = MemorySampler.start();
		byte[] kept;
		try (sampler) {
			kept = new byte[SIZE];
		}
		assertThat(sampler.maxHeapUsed() - before).isGreaterThanOrEqualTo(SIZE);
		Reference.reachabilityFence(kept);
	}

	@Test
	void countsCollections() throws Exception {
		MemorySampler sampler = MemorySampler.start();
		try (sampler) {
			System.gc();
			System.gc();
		}
		assertThat(sampler.collections()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void measuresItsOwnAllocation() throws Exception {
		MemorySampler sampler = MemorySampler.start();
		Thread.sleep(100);
		sampler.close();
		// Each sample reads /proc/self/status into new strings
		assertThat(sampler.ownAllocation()).isPositive();
	}

	@Test
	void seesResidentMemory() throws Exception {
		MemorySampler sampler = MemorySampler.start();
		sampler.close();
		ProcessStatus status = ProcessStatus.read();
		assertThat(sampler.maxAnonymous()).isPositive().isLessThanOrEqualTo(status.peakRss());
		assertThat(sampler.maxFile()).isPositive().isLessThanOrEqualTo(status.peakRss());
	}

}
