package io.github.v8heapsnapshot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's {@code -Xlog:gc} file says about its Java heap: how many pauses changed the
 * heap, and the most heap in use before and after any of them.
 *
 * @param pauses the pauses that report heap usage ({@code GC(3) Pause Young … 30M->12M(64M)})
 * @param maxBefore the most heap in use before a pause, garbage included, in bytes
 * @param maxAfter the most heap still in use after a pause, in bytes
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
record GcLog(int pauses, long maxBefore, long maxAfter) {

	private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");

	static GcLog read(Path file) throws IOException {
		int pauses = 0;
		long maxBefore = 0;
		long maxAfter = 0;
		for (String line : Files.readAllLines(file)) {
			Matcher pause = PAUSE.matcher(line);
			if (pause.find()) {
				pauses++;
				maxBefore = Math.max(maxBefore, bytes(pause.group(1), pause.group(2)));
				maxAfter = Math.max(maxAfter, bytes(pause.group(3), pause.group(4)));
			}
		}
		return new GcLog(pauses, maxBefore, maxAfter);
	}

	Measurement toMeasurement() {
		return Measurement.empty()
			.with("gcPauses", this.pauses)
			.with("heapMaxBeforeGcBytes", this.maxBefore)
			.with("heapMaxAfterGcBytes", this.maxAfter);
	}

	private static long bytes(String value, String unit) {
		int shift = switch (unit) {
			case "K" -> 10;
			case "M" -> 20;
			default -> 30;
		};
		return Long.parseLong(value) << shift;
	}

}
