package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.v8heapsnapshot.summary.HeapSummary;
import io.github.v8heapsnapshot.summary.HeapSummary.ClassEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What changed, class by class, from one snapshot's summary to another's: counts, shallow
 * and retained sizes, sorted by growth (shallow size, then count). Computed from the two
 * summaries alone, so it takes no longer for a bigger heap.
 *
 * @param name the name of the snapshot compared
 * @param base the name of the snapshot it is compared with
 * @param classes the classes in either snapshot, the most grown first
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record SnapshotDiff(String name, String base, List<ClassDiff> classes) implements OperationResponseBody {

	private static final Comparator<ClassDiff> MOST_GROWN_FIRST = Comparator
		.comparingLong(ClassDiff::shallowBytesDelta)
		.thenComparingLong(ClassDiff::countDelta)
		.reversed()
		.thenComparing(ClassDiff::name);

	/**
	 * Compares two ready summaries.
	 * @param summary the summary of the snapshot compared
	 * @param base the summary of the snapshot it is compared with
	 * @return the diff
	 */
	public static SnapshotDiff of(HeapSummary summary, HeapSummary base) {
		Map<String, ClassEntry> before = byName(base);
		Map<String, ClassEntry> after = byName(summary);
		List<ClassDiff> classes = new ArrayList<>();
		after.forEach((className, entry) -> classes.add(ClassDiff.of(className, entry, before.get(className))));
		before.forEach((className, entry) -> {
			if (!after.containsKey(className)) {
				classes.add(ClassDiff.of(className, null, entry));
			}
		});
		classes.sort(MOST_GROWN_FIRST);
		return new SnapshotDiff(summary.name(), base.name(), classes);
	}

	private static Map<String, ClassEntry> byName(HeapSummary summary) {
		Map<String, ClassEntry> classes = new LinkedHashMap<>();
		List<ClassEntry> entries = summary.classes();
		if (entries != null) {
			entries.forEach((entry) -> classes.put(entry.name(), entry));
		}
		return classes;
	}

	/**
	 * How one class changed.
	 *
	 * @param name the class
	 * @param count the instances in the snapshot compared
	 * @param baseCount the instances in the base snapshot
	 * @param countDelta the difference of the counts
	 * @param shallowBytes the shallow size of the instances in the snapshot compared
	 * @param shallowBytesDelta the difference of the shallow sizes
	 * @param retainedBytes the retained size of the instances in the snapshot compared
	 * @param retainedBytesDelta the difference of the retained sizes
	 */
	public record ClassDiff(String name, long count, long baseCount, long countDelta, long shallowBytes,
			long shallowBytesDelta, long retainedBytes, long retainedBytesDelta) {

		static ClassDiff of(String name, @Nullable ClassEntry after, @Nullable ClassEntry before) {
			long count = (after != null) ? after.count() : 0;
			long shallow = (after != null) ? after.shallowBytes() : 0;
			long retained = (after != null) ? after.retainedBytes() : 0;
			long baseCount = (before != null) ? before.count() : 0;
			long baseShallow = (before != null) ? before.shallowBytes() : 0;
			long baseRetained = (before != null) ? before.retainedBytes() : 0;
			return new ClassDiff(name, count, baseCount, count - baseCount, shallow, shallow - baseShallow, retained,
					retained - baseRetained);
		}

	}

}
