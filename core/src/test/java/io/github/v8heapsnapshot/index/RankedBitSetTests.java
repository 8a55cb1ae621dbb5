package io.github.v8heapsnapshot.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RankedBitSet}.
 *
 * @author v8heapsnapshot developers
 */
class RankedBitSetTests {

	@TempDir
	Path directory;

	@Test
	void ranksMembersLikeACount() throws IOException {
		int capacity = 100_000;
		BitSet expected = new BitSet();
		Random random = new Random(3);
		try (RankedBitSet set = new RankedBitSet(this.directory, capacity)) {
			for (int i = 0; i < capacity; i++) {
				if (random.nextInt(10) != 0) {
					set.add(i);
					expected.set(i);
				}
			}
			set.finish(capacity);
			assertThat(set.size()).isEqualTo(expected.cardinality());
			int rank = 0;
			for (int i = 0; i < capacity; i++) {
				assertThat(set.contains(i)).isEqualTo(expected.get(i));
				if (expected.get(i)) {
					assertThat(set.rank(i)).isEqualTo(rank);
					rank++;
				}
			}
		}
	}

	@Test
	void handlesLongGapsAndTheLastPosition() throws IOException {
		try (RankedBitSet set = new RankedBitSet(this.directory, 1000)) {
			set.add(0);
			set.add(63);
			set.add(64);
			set.add(999);
			set.finish(1000);
			assertThat(set.rank(999)).isEqualTo(3);
			assertThat(set.contains(500)).isFalse();
			assertThat(set.size()).isEqualTo(4);
		}
	}

}
