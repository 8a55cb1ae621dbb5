package io.github.v8heapsnapshot.ids;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UniqueKeys}.
 *
 * @author v8heapsnapshot developers
 */
class UniqueKeysTests {

	@TempDir
	Path temp;

	@Test
	void findsTheKeysThatOccurOnceAcrossManyPartitions() throws IOException {
		assertUniqueAsCounted(1_000_000, 600_000, true);
	}

	@Test
	void countsAPartitionWithMoreDistinctKeysThanItsTableHolds() throws IOException {
		// Small keys share their top bits: all of them fall into the first partition
		assertUniqueAsCounted(300_000, 400_000, false);
	}

	@Test
	void findsNothingWithoutKeys() throws IOException {
		try (NodeKeys nodes = new NodeKeys(this.temp, 10)) {
			UniqueKeys unique = UniqueKeys.find(nodes, this.temp);
			for (long ordinal = 0; ordinal < 10; ordinal++) {
				assertThat(unique.isUnique(ordinal)).isFalse();
			}
		}
	}

	/**
	 * Keys drawn from a range, so that some occur once and some more often, and one in ten
	 * nodes has none; spread over all partitions when mixed.
	 */
	private void assertUniqueAsCounted(int count, int range, boolean mixed) throws IOException {
		SplittableRandom random = new SplittableRandom(count);
		Map<Integer, Integer> occurrences = new HashMap<>();
		try (NodeKeys nodes = new NodeKeys(this.temp, count)) {
			for (int ordinal = 0; ordinal < count; ordinal++) {
				int value = random.nextInt(1, range);
				int key = (random.nextInt(10) == 0) ? 0 : (mixed ? ObjectGraph.key(0, value) : value);
				nodes.content(ordinal, key);
				if (key != 0) {
					occurrences.merge(key, 1, Integer::sum);
				}
			}
			UniqueKeys unique = UniqueKeys.find(nodes, this.temp);
			long uniqueCount = 0;
			for (int ordinal = 0; ordinal < count; ordinal++) {
				int key = nodes.content(ordinal);
				boolean expected = key != 0 && occurrences.get(key) == 1;
				assertThat(unique.isUnique(ordinal)).as("node %d with key %d", ordinal, key).isEqualTo(expected);
				uniqueCount += expected ? 1 : 0;
			}
			assertThat(uniqueCount).isBetween(count / 10L, count - count / 20L);
		}
	}

}
