package io.github.v8heapsnapshot.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of every run, by number of items, and their table.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Report {

	private final Map<Integer, List<Measurement>> runs = new LinkedHashMap<>();

	void add(int items, Measurement run) {
		this.runs.computeIfAbsent(items, (key) -> new ArrayList<>()).add(run);
	}

	List<Measurement> runs(int items) {
		return List.copyOf(this.runs.getOrDefault(items, List.of()));
	}

	Summary summarize(int items, Figure figure) {
		List<Double> values = runs(items).stream().map(figure.value()::applyAsDouble).toList();
		return Summary.of(values);
	}

	/**
	 * Returns a Markdown table with one row per figure and one column per number of items:
	 * the median and, over several runs, the range.
	 * @return the table
	 */
	String toMarkdown() {
		StringBuilder table = new StringBuilder("| figure | target at 5M |");
		StringBuilder rule = new StringBuilder("|---|---|");
		this.runs.forEach((items, measurements) -> {
			table.append(' ').append(itemsLabel(items)).append(" items (").append(measurements.size()).append(" runs) |");
			rule.append("---|");
		});
		table.append('\n').append(rule).append('\n');
		for (Figure figure : Figure.all()) {
			table.append("| ").append(figure.label()).append(" | ").append(figure.target()).append(" |");
			for (Integer items : this.runs.keySet()) {
				table.append(' ').append(summarize(items, figure).format()).append(" |");
			}
			table.append('\n');
		}
		return table.toString();
	}

	private static String itemsLabel(int items) {
		if (items % 1_000_000 == 0) {
			return (items / 1_000_000) + "M";
		}
		return (items % 1_000 == 0) ? (items / 1_000) + "k" : Integer.toString(items);
	}

}
