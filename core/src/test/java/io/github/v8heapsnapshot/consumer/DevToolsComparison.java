package io.github.v8heapsnapshot.consumer;

import java.util.List;
import java.util.Optional;

import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import org.jspecify.annotations.Nullable;

/**
 * What Chrome DevTools showed when snapshots of one process were compared, each with the one
 * before: the Comparison view and, for the first pair, the Summary of the objects allocated
 * between the two.
 *
 * @param compared whether DevTools loaded every file and showed the views
 * @param error what went wrong otherwise
 * @param browser the browser version
 * @param comparisons one per snapshot but the first, in order
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record DevToolsComparison(boolean compared, @Nullable String error, @Nullable String browser,
		List<Pair> comparisons) {

	/**
	 * A snapshot compared with the one before it.
	 *
	 * @param base the earlier snapshot file
	 * @param target the later snapshot file
	 * @param targetObjects the object count of the later snapshot's Summary
	 * @param totals the totals of the Comparison view over all its class rows
	 * @param filteredComparison the Comparison rows filtered by class
	 * @param allocatedBetween the Summary filtered to the objects allocated between the two,
	 * for the first pair only
	 * @param filteredAllocatedBetween those Summary rows, also filtered by class
	 */
	public record Pair(String base, String target, long targetObjects, Totals totals,
			List<ComparisonRow> filteredComparison, @Nullable AllocatedBetween allocatedBetween,
			List<SummaryRow> filteredAllocatedBetween) {

		/**
		 * Returns the filtered Comparison row of a constructor.
		 * @param constructor the constructor (class) name as shown
		 * @return the row, if shown
		 */
		public Optional<ComparisonRow> comparisonRow(String constructor) {
			return this.filteredComparison.stream().filter((row) -> row.constructor().equals(constructor)).findFirst();
		}

		/**
		 * Returns the filtered "allocated between" Summary row of a constructor.
		 * @param constructor the constructor (class) name as shown
		 * @return the row, if shown
		 */
		public Optional<SummaryRow> allocatedBetweenRow(String constructor) {
			return this.filteredAllocatedBetween.stream()
				.filter((row) -> row.constructor().equals(constructor))
				.findFirst();
		}

	}

	/**
	 * The Comparison view over all its class rows.
	 *
	 * @param classes the number of class rows
	 * @param totalNew the sum of the # New column
	 * @param totalDeleted the sum of the # Deleted column
	 * @param mostNew the rows with the most new objects
	 */
	public record Totals(long classes, long totalNew, long totalDeleted, List<ComparisonRow> mostNew) {
	}

	/**
	 * One class row of the Comparison view.
	 *
	 * @param constructor the constructor (class) name
	 * @param added the # New column
	 * @param removed the # Deleted column
	 */
	public record ComparisonRow(String constructor, long added, long removed) {
	}

	/**
	 * The Summary filtered to "Objects allocated between Snapshot 1 and Snapshot 2".
	 *
	 * @param totalObjects the object count in the toolbar
	 * @param rows the first rows
	 */
	public record AllocatedBetween(long totalObjects, List<SummaryRow> rows) {
	}

}
