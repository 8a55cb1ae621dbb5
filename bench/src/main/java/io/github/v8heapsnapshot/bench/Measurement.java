package io.github.v8heapsnapshot.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Named numbers measured by one process, exchanged as one line of text:
 * {@code RESULT name=value name=value…}. The JavaScript workload prints the same line.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Measurement {

	static final String PREFIX = "RESULT ";

	private final Map<String, Double> values;

	private Measurement(Map<String, Double> values) {
		this.values = values;
	}

	static Measurement empty() {
		return new Measurement(Map.of());
	}

	/**
	 * Reads a line printed by {@link #toLine()}.
	 * @param line the line, starting with {@value #PREFIX}
	 * @return the measurement
	 */
	static Measurement parse(String line) {
		if (!line.startsWith(PREFIX)) {
			throw new IllegalArgumentException("Not a result line: " + line);
		}
		Map<String, Double> values = new LinkedHashMap<>();
		for (String pair : line.substring(PREFIX.length()).trim().split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("Not name=value: '" + pair + "' in " + line);
			}
			values.put(pair.substring(0, equals), Double.valueOf(pair.substring(equals + 1)));
		}
		return new Measurement(values);
	}

	Measurement with(String name, double value) {
		Map<String, Double> values = new LinkedHashMap<>(this.values);
		values.put(name, value);
		return new Measurement(values);
	}

	Measurement with(Measurement other) {
		Map<String, Double> values = new LinkedHashMap<>(this.values);
		values.putAll(other.values);
		return new Measurement(values);
	}

	/**
	 * Returns a copy whose names start with the given prefix.
	 * @param prefix for example {@code "node."}
	 * @return the copy
	 */
	Measurement prefixed(String prefix) {
		Map<String, Double> values = new LinkedHashMap<>();
		this.values.forEach((name, value) -> values.put(prefix + name, value));
		return new Measurement(values);
	}

	double get(String name) {
		Double value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No value named '" + name + "' in " + toLine());
		}
		return value;
	}

	String toLine() {
		StringJoiner line = new StringJoiner(" ", PREFIX, "");
		this.values.forEach((name, value) -> line.add(name + "=" + format(value)));
		return line.toString();
	}

	private static String format(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? Long.toString((long) value)
				: Double.toString(value);
	}

}
