package io.github.v8heapsnapshot.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.v8heapsnapshot.hostile.Attempts.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damages a real dump in many seeded ways: each damaged dump converts into a well-formed
 * snapshot or is refused with an {@code HprofFormatException}, never anything else, and
 * never leaves a file behind. A longer run:
 * {@code ./mvnw -pl core test -Dtest=DumpFuzzTests -Dv8heapsnapshot.fuzz.iterations=5000 -Dv8heapsnapshot.fuzz.seed=42}.
 *
 * @author v8heapsnapshot developers
 */
class DumpFuzzTests {

	private static final long SEED = Long.getLong("v8heapsnapshot.fuzz.seed", 20261125L);

	private static final int ITERATIONS = Integer.getInteger("v8heapsnapshot.fuzz.iterations", 200);

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void damagedDumpsConvertOrAreRefused() throws Exception {
		Path small = this.directory.resolve("small.hprof");
		ChildJvm.dumpSmallHeap(small, null);
		HprofMap map = HprofMap.of(Files.readAllBytes(small));
		Attempts attempts = new Attempts(this.directory.resolve("attempts"));
		Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class);
		List<String> failures = new ArrayList<>();
		Random random = new Random(SEED);
		long start = System.nanoTime();
		for (int iteration = 0; iteration < ITERATIONS; iteration++) {
			Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
			Path hprof = Files.write(this.directory.resolve("fuzz-" + iteration + ".hprof"),
					mutation.apply(map, random));
			Outcome outcome = attempts.convert(hprof);
			String replay = String.format("iteration %d (%s, seed %d)", iteration, mutation, SEED);
			try {
				assertThat(outcome.duration().toSeconds()).as("seconds").isLessThan(20);
				if (outcome.failure() == null) {
					outcome.converted();
				}
				else {
					outcome.rejection();
				}
			}
			catch (AssertionError ex) {
				failures.add(replay + ": " + ex.getMessage().lines().limit(8).collect(Collectors.joining(" ")));
			}
			outcomes.computeIfAbsent(mutation, (key) -> new int[2])[(outcome.failure() == null) ? 0 : 1]++;
			Files.delete(hprof);
			Files.deleteIfExists(outcome.snapshot());
		}
		StringBuilder summary = new StringBuilder(String.format("Fuzz: %d damaged dumps of %d bytes, seed %d, %d s:",
				ITERATIONS, map.length(), SEED, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)));
		outcomes.forEach((mutation, counts) -> summary
			.append(String.format(" %s %d converted/%d refused;", mutation, counts[0], counts[1])));
		System.out.println(summary);
		assertThat(failures).isEmpty();
	}

}
