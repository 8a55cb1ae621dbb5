package io.github.v8heapsnapshot.boot.pressure;

import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.jspecify.annotations.Nullable;

/**
 * Which heap pools hold long-lived objects, and which collections measure them, for each
 * HotSpot collector. GC bean and pool names are not an API and change between releases
 * (G1 gained {@code G1 Concurrent GC} in JDK 20, generational ZGC renamed its beans), so
 * they are all kept in this one table.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class CollectorRules {

	/**
	 * The long-lived pool of each collector: Serial, Parallel, G1, single-generation ZGC,
	 * generational ZGC, Shenandoah.
	 */
	static final Set<String> LONG_LIVED_POOLS = Set.of("Tenured Gen", "PS Old Gen", "G1 Old Gen", "ZHeap",
			"ZGC Old Generation", "Shenandoah");

	/**
	 * Collectors whose every collection measures the long-lived pools: full collections,
	 * G1's concurrent marking (Remark frees empty regions) and the concurrent cycles of ZGC
	 * and Shenandoah.
	 */
	private static final Set<String> MEASURING = Set.of("MarkSweepCompact", "PS MarkSweep", "G1 Old Generation",
			"G1 Concurrent GC", "ZGC Cycles", "ZGC Major Cycles", "Shenandoah Cycles");

	/**
	 * Collections that tell nothing new about the long-lived pools: the pauses within a
	 * concurrent cycle, whose figures are those of a cycle still running.
	 */
	private static final Set<String> SILENT = Set.of("ZGC Pauses", "ZGC Major Pauses", "ZGC Minor Pauses",
			"Shenandoah Pauses");

	/** G1's young collections: exact when mixed, recognised by a shrinking old generation. */
	private static final String G1_YOUNG = "G1 Young Generation";

	private CollectorRules() {
	}

	/**
	 * Returns the occupancy of the long-lived pools that a collection left.
	 * @param info the collection's notification
	 * @param fallbackMax the maximum to use when the pools declare none, such as
	 * {@link Runtime#maxMemory()}
	 * @return the occupancy, or {@code null} when this collection tells nothing about those
	 * pools
	 */
	public static @Nullable HeapOccupancy occupancy(GarbageCollectionNotificationInfo info, long fallbackMax) {
		String collector = info.getGcName();
		if (SILENT.contains(collector)) {
			return null;
		}
		Map<String, MemoryUsage> before = info.getGcInfo().getMemoryUsageBeforeGc();
		Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
		long used = 0;
		long max = 0;
		long usedBefore = 0;
		boolean found = false;
		for (Map.Entry<String, MemoryUsage> pool : after.entrySet()) {
			if (LONG_LIVED_POOLS.contains(pool.getKey())) {
				found = true;
				used += pool.getValue().getUsed();
				max += (pool.getValue().getMax() > 0) ? pool.getValue().getMax() : fallbackMax;
				MemoryUsage previous = before.get(pool.getKey());
				usedBefore += (previous != null) ? previous.getUsed() : 0;
			}
		}
		if (!found || max <= 0) {
			return null;
		}
		boolean exact = MEASURING.contains(collector) || (G1_YOUNG.equals(collector) && used < usedBefore);
		return new HeapOccupancy(used, max, exact, collector, info.getGcCause(), Instant.now());
	}

}
