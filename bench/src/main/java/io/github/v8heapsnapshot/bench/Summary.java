package io.github.v8heapsnapshot.bench;

import java.util.List;
import java.util.Locale;

/**
 * The median, minimum and maximum of a figure over the runs of one scale.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count the number of values
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
record Summary(double median, double min, double max, int count) {

	static Summary of(List<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No values to summarize");
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		return new Summary(median, sorted[0], sorted[sorted.length - 1], sorted.length);
	}

	/**
	 * Formats the summary as {@code median (min–max)}, or the value alone for one run, with
	 * about three significant digits.
	 * @return the text
	 */
	String format() {
		if (Double.isNaN(this.median)) {
			return "–";
		}
		if (this.count == 1) {
			return format(this.median);
		}
		return format(this.median) + " (" + format(this.min) + "–" + format(this.max) + ")";
	}

	static String format(double value) {
		double magnitude = Math.abs(value);
		String pattern = (magnitude >= 100 || magnitude == 0) ? "%.0f" : (magnitude >= 10) ? "%.1f"
				: (magnitude >= 1) ? "%.2f" : "%.3f";
		return String.format(Locale.ROOT, pattern, value);
	}

}
