package io.github.v8heapsnapshot.consumer;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What Chrome DevTools showed for a snapshot loaded in its Memory panel.
 *
 * @param loaded whether DevTools processed the file and showed its Summary
 * @param error what DevTools showed when it failed
 * @param seconds from handing over the file until DevTools had processed it
 * @param browser the browser version
 * @param totalObjects the object count in the Summary toolbar
 * @param totalSize the total size as DevTools prints it, e.g. {@code 96 B}
 * @param summary the visible rows of the Summary grid
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record DevToolsView(boolean loaded, @Nullable String error, double seconds, @Nullable String browser,
		long totalObjects, @Nullable String totalSize, List<SummaryRow> summary) {

	/**
	 * Returns the Summary row of a constructor.
	 * @param constructor the constructor (class) name as shown
	 * @return the row, if visible
	 */
	public Optional<SummaryRow> row(String constructor) {
		return this.summary.stream().filter((row) -> row.constructor().equals(constructor)).findFirst();
	}

	/**
	 * One row of the Summary grid.
	 *
	 * @param constructor the constructor (class) name
	 * @param count the number of objects
	 * @param distance the distance from the root as shown
	 * @param shallowSize the shallow size as shown, e.g. {@code 4.2 kB}
	 * @param retainedSize the retained size as shown
	 */
	public record SummaryRow(String constructor, long count, String distance, String shallowSize,
			String retainedSize) {
	}

}
