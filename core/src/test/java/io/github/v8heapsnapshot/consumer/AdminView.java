package io.github.v8heapsnapshot.consumer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the "Heap snapshots" view of a Spring Boot Admin server showed while headless Chromium
 * took, summarized, compared, downloaded and deleted a snapshot in it.
 *
 * @param passed whether every step passed
 * @param error the step that failed and why
 * @param browser the browser version
 * @param seconds the time each step took, by step
 * @param before the rows listed when the view opened
 * @param progress every state of the progress bar seen while the snapshot was taken
 * @param snapshot the row of the new snapshot
 * @param summary the rows of the summary's tables, by table
 * @param filtered the rows of the summary's classes by retained size, filtered by class name
 * @param diff the rows of the comparison with the newest snapshot listed before, filtered by
 * class name
 * @param download the file that the browser saved
 * @param deleted whether the row went away after deleting
 * @param screenshots the screenshots taken, PNG files
 * @param pageErrors errors thrown in the page
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record AdminView(boolean passed, @Nullable String error, @Nullable String browser, Map<String, Double> seconds,
		List<SnapshotRow> before, List<Progress> progress, @Nullable SnapshotRow snapshot,
		Map<String, List<List<String>>> summary, List<List<String>> filtered, List<List<String>> diff,
		@Nullable String download, boolean deleted, List<String> screenshots, List<String> pageErrors) {

	/**
	 * Returns the first row of one of the summary's tables, or of the diff, whose first cell is
	 * the given text.
	 * @param rows the rows of a table
	 * @param firstCell the text of the first cell
	 * @return the row's cells
	 */
	public static Optional<List<String>> row(List<List<String>> rows, String firstCell) {
		return rows.stream().filter((row) -> !row.isEmpty() && row.get(0).equals(firstCell)).findFirst();
	}

	/**
	 * A row of the list of snapshots.
	 *
	 * @param name the snapshot's name
	 * @param state its state: {@code in-progress}, {@code stored} or {@code failed}
	 * @param cells the text of its cells
	 */
	public record SnapshotRow(String name, String state, List<String> cells) {
	}

	/**
	 * A state of the progress bar.
	 *
	 * @param phase the phase of the snapshot in progress
	 * @param percent its percentage
	 * @param text the bar's text
	 */
	public record Progress(String phase, int percent, String text) {
	}

}
