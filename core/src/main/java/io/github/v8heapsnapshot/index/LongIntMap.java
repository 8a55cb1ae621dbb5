package io.github.v8heapsnapshot.index;

/**
 * A small open-addressing map from non-zero {@code long} keys to {@code int} values,
 * without boxing. For the few thousand classes, threads and symbols of a dump.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class LongIntMap {

	private long[] keys = new long[16];

	private int[] values = new int[16];

	private int size;

	/**
	 * Returns the number of entries.
	 * @return the size
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Maps a key to a value, replacing any earlier value.
	 * @param key a non-zero key
	 * @param value the value
	 */
	public void put(long key, int value) {
		if (key == 0) {
			throw new IllegalArgumentException("Key must not be 0");
		}
		if (2 * (this.size + 1) > this.keys.length) {
			grow();
		}
		int mask = this.keys.length - 1;
		int slot = hash(key) & mask;
		while (this.keys[slot] != 0 && this.keys[slot] != key) {
			slot = (slot + 1) & mask;
		}
		if (this.keys[slot] == 0) {
			this.keys[slot] = key;
			this.size++;
		}
		this.values[slot] = value;
	}

	/**
	 * Returns the value of a key.
	 * @param key the key
	 * @param absent what to return when the key is not mapped
	 * @return the value, or {@code absent}
	 */
	public int get(long key, int absent) {
		if (key == 0) {
			return absent;
		}
		int mask = this.keys.length - 1;
		int slot = hash(key) & mask;
		while (true) {
			long found = this.keys[slot];
			if (found == key) {
				return this.values[slot];
			}
			if (found == 0) {
				return absent;
			}
			slot = (slot + 1) & mask;
		}
	}

	private void grow() {
		long[] oldKeys = this.keys;
		int[] oldValues = this.values;
		this.keys = new long[oldKeys.length * 2];
		this.values = new int[oldKeys.length * 2];
		this.size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				put(oldKeys[i], oldValues[i]);
			}
		}
	}

	private static int hash(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

}
