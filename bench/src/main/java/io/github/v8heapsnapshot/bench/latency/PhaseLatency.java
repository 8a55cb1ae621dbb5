package io.github.v8heapsnapshot.bench.latency;

import java.util.List;
import java.util.Locale;

import io.github.v8heapsnapshot.bench.latency.RequestLoad.RequestSample;

/**
 * The latency and throughput of the requests due within one phase.
 *
 * @param phase the phase's name
 * @param seconds how long it lasted
 * @param requests the requests due in it
 * @param failed those not answered with 200
 * @param p50 the median latency in milliseconds
 * @param p99 the 99th percentile in milliseconds
 * @param max the longest latency in milliseconds
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
record PhaseLatency(String phase, double seconds, int requests, int failed, double p50, double p99, double max) {

	/**
	 * Summarizes the samples due between two instants.
	 * @param phase the phase's name
	 * @param samples all samples
	 * @param from the start, in {@link System#nanoTime()}
	 * @param to the end
	 * @return the summary, or {@code null} when no request was due
	 */
	static PhaseLatency of(String phase, List<RequestSample> samples, long from, long to) {
		List<RequestSample> within = samples.stream().filter((sample) -> sample.due() >= from && sample.due() < to).toList();
		double[] millis = within.stream().mapToDouble((sample) -> sample.latencyNanos() / 1e6).sorted().toArray();
		int failed = (int) within.stream().filter((sample) -> !sample.ok()).count();
		return new PhaseLatency(phase, (to - from) / 1e9, millis.length, failed, percentile(millis, 0.50),
				percentile(millis, 0.99), (millis.length > 0) ? millis[millis.length - 1] : Double.NaN);
	}

	private static double percentile(double[] sorted, double rank) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(rank * sorted.length) - 1)];
	}

	/**
	 * Returns the answered requests per second.
	 * @return the throughput
	 */
	double throughput() {
		return (this.requests - this.failed) / this.seconds;
	}

	String toRow(String mode) {
		return String.format(Locale.ROOT, "| %s | %s | %.1f | %d | %.1f | %.2f | %.2f | %.1f |", mode, this.phase,
				this.seconds, this.requests, throughput(), this.p50, this.p99, this.max)
				+ ((this.failed > 0) ? " " + this.failed + " failed" : "");
	}

	static String header() {
		return "| mode | phase | s | requests | answered/s | p50 ms | p99 ms | max ms |\n"
				+ "|---|---|---|---|---|---|---|---|";
	}

}
