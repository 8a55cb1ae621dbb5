package io.github.v8heapsnapshot.cli;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.v8heapsnapshot.convert.ObjectIdStatistics;

/**
 * The object id statistics as one line for programs, which the command prints with
 * {@code --machine-readable}: a fixed prefix, then {@code key=value} pairs of whole
 * numbers, such as
 * {@code v8heapsnapshot-object-ids: nodes=120 previous-nodes=100 kept-by-address=90 kept-by-content=5 kept-by-place=1}.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class ObjectIdStatisticsLine {

	private static final String PREFIX = "v8heapsnapshot-object-ids:";

	private static final String FORMAT = PREFIX
			+ " nodes=%d previous-nodes=%d kept-by-address=%d kept-by-content=%d kept-by-place=%d";

	private ObjectIdStatisticsLine() {
	}

	/**
	 * Formats statistics as a line.
	 * @param statistics the statistics
	 * @return the line, without a line separator
	 */
	public static String format(ObjectIdStatistics statistics) {
		return String.format(Locale.ROOT, FORMAT, statistics.nodes(), statistics.previousNodes(),
				statistics.keptByAddress(), statistics.keptByContent(), statistics.keptByPlace());
	}

	/**
	 * Finds the last statistics line in a command's output.
	 * @param output the output, lines of other text included
	 * @return the statistics, or empty if the output has no such line
	 * @throws IllegalArgumentException if the line lacks a value or has one that is not a
	 * whole number
	 */
	public static Optional<ObjectIdStatistics> find(String output) {
		return output.lines().filter((line) -> line.startsWith(PREFIX)).reduce((first, second) -> second)
			.map(ObjectIdStatisticsLine::parse);
	}

	private static ObjectIdStatistics parse(String line) {
		Map<String, Long> values = new HashMap<>();
		for (String pair : line.substring(PREFIX.length()).trim().split(" +")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(pair.substring(0, equals), number(line, pair.substring(equals + 1)));
			}
		}
		return new ObjectIdStatistics(value(line, values, "nodes"), value(line, values, "previous-nodes"),
				value(line, values, "kept-by-address"), value(line, values, "kept-by-content"),
				value(line, values, "kept-by-place"));
	}

	private static long value(String line, Map<String, Long> values, String key) {
		Long value = values.get(key);
		if (value == null) {
			throw new IllegalArgumentException("No " + key + " in '" + line + "'");
		}
		return value;
	}

	private static long number(String line, String digits) {
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a whole number: '" + digits + "' in '" + line + "'", ex);
		}
	}

}
