package io.github.v8heapsnapshot.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObjectIdIndex}.
 *
 * @author v8heapsnapshot developers
 */
class ObjectIdIndexTests {

	@TempDir
	Path directory;

	@Test
	void findsAscendingIdsByPosition() throws IOException {
		try (ObjectIdIndex index = new ObjectIdIndex(this.directory, 4)) {
			long id = 0x7f0000000L;
			for (int i = 0; i < 100_000; i++) {
				id += 16 + 8 * (i % 5);
				index.add(id);
			}
			index.finish();
			assertThat(index.ascending()).isTrue();
			id = 0x7f0000000L;
			for (int i = 0; i < 100_000; i++) {
				id += 16 + 8 * (i % 5);
				assertThat(index.lookup(id)).isEqualTo(i);
				assertThat(index.lookup(id + 8)).isEqualTo(-1);
			}
			assertThat(index.lookup(0)).isEqualTo(-1);
			assertThat(index.lookup(0x7f0000000L)).isEqualTo(-1);
			assertThat(index.lookup(Long.MAX_VALUE)).isEqualTo(-1);
		}
	}

	@Test
	void sortsIdsThatCameInAnyOrder() throws IOException {
		Map<Long, Integer> expected = new HashMap<>();
		Random random = new Random(7);
		try (ObjectIdIndex index = new ObjectIdIndex(this.directory, 10)) {
			for (int i = 0; i < 50_000; i++) {
				long id;
				do {
					id = 0x100000000L + 8L * random.nextInt(1 << 24);
				}
				while (expected.containsKey(id));
				expected.put(id, i);
				index.add(id);
			}
			index.finish();
			assertThat(index.ascending()).isFalse();
			expected.forEach((id, ordinal) -> assertThat(index.lookup(id)).isEqualTo(ordinal.longValue()));
			for (int i = 0; i < 10_000; i++) {
				long id = 0x100000000L + 8L * random.nextInt(1 << 24);
				assertThat(index.lookup(id)).isEqualTo(expected.getOrDefault(id, -1).longValue());
			}
		}
	}

	@Test
	void keepsIdsThatDoNotFitThirtyTwoBits() throws IOException {
		long[] ids = { 4, 12, 1L << 40, (1L << 40) + 4, (1L << 50) + 3 };
		try (ObjectIdIndex index = new ObjectIdIndex(this.directory, 1)) {
			for (long id : ids) {
				index.add(id);
			}
			index.finish();
			for (int i = 0; i < ids.length; i++) {
				assertThat(index.lookup(ids[i])).isEqualTo(i);
				assertThat(index.lookup(ids[i] + 1)).isEqualTo(-1);
			}
		}
	}

	@Test
	void answersNothingWhenEmpty() throws IOException {
		try (ObjectIdIndex index = new ObjectIdIndex(this.directory, 0)) {
			index.finish();
			assertThat(index.count()).isZero();
			assertThat(index.lookup(8)).isEqualTo(-1);
		}
	}

}
