package io.github.v8heapsnapshot.index;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LongIntMap}.
 *
 * @author v8heapsnapshot developers
 */
class LongIntMapTests {

	@Test
	void mapsLikeAHashMap() {
		LongIntMap map = new LongIntMap();
		Map<Long, Integer> expected = new HashMap<>();
		Random random = new Random(11);
		for (int i = 0; i < 20_000; i++) {
			long key = random.nextLong() & 0xFFFF_FFF8L;
			if (key != 0) {
				map.put(key, i);
				expected.put(key, i);
			}
		}
		assertThat(map.size()).isEqualTo(expected.size());
		expected.forEach((key, value) -> assertThat(map.get(key, -1)).isEqualTo(value));
		assertThat(map.get(0, -1)).isEqualTo(-1);
		assertThat(map.get(4, -7)).isEqualTo(-7);
	}

	@Test
	void refusesKeyZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LongIntMap().put(0, 1));
	}

}
