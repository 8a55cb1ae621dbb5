package io.github.v8heapsnapshot.ids;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * The nodes whose key no other node of the snapshot has. Counting millions of keys in one
 * table would touch a random page of it for every key, so the keys are first spread by
 * their top bits into partitions small enough to count in a table that stays in the
 * processor's caches, and then counted one partition at a time.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class UniqueKeys {

	// The tables and the bits stay below G1's humongous threshold (half a region) on the
	// smallest regions, 1 MB
	private static final int KEYS_PER_PARTITION = 1 << 14;

	private static final int CHUNK_BITS = 21;

	private static final int CHUNK_MASK = (1 << (CHUNK_BITS - 6)) - 1;

	private final long[][] unique;

	private UniqueKeys(long count) {
		this.unique = new long[(int) ((count >>> CHUNK_BITS) + 1)][];
		for (int i = 0; i < this.unique.length; i++) {
			this.unique[i] = new long[1 << (CHUNK_BITS - 6)];
		}
	}

	/**
	 * Finds the nodes with a key of their own.
	 * @param nodes the nodes, with their content keys, 0 for none
	 * @param directory where the partitions are written
	 * @return the nodes that have a key that is theirs alone
	 * @throws IOException if the partitions cannot be written
	 */
	static UniqueKeys find(NodeKeys nodes, Path directory) throws IOException {
		long count = nodes.count();
		UniqueKeys found = new UniqueKeys(count);
		int bits = 0;
		while (bits < 16 && (count >>> bits) > KEYS_PER_PARTITION) {
			bits++;
		}
		int shift = 32 - bits;
		long[] starts = new long[(1 << bits) + 1];
		for (long ordinal = 0; ordinal < count; ordinal++) {
			int key = nodes.content(ordinal);
			if (key != 0) {
				starts[partition(key, shift) + 1]++;
			}
		}
		for (int p = 1; p < starts.length; p++) {
			starts[p] += starts[p - 1];
		}
		long total = starts[starts.length - 1];
		try (MappedBuffer partitions = MappedBuffer.create(directory, "unique-keys", Math.max(1, total) * 8)) {
			long[] ends = Arrays.copyOf(starts, starts.length - 1);
			for (long ordinal = 0; ordinal < count; ordinal++) {
				int key = nodes.content(ordinal);
				if (key != 0) {
					partitions.putLong(ends[partition(key, shift)]++ * 8, ((long) key << 32) | ordinal);
				}
			}
			KeyCounts counts = new KeyCounts();
			for (int p = 0; p < ends.length; p++) {
				counts.clear();
				for (long i = starts[p]; i < ends[p]; i++) {
					counts.add((int) (partitions.getLong(i * 8) >>> 32));
				}
				for (long i = starts[p]; i < ends[p]; i++) {
					long entry = partitions.getLong(i * 8);
					if (counts.isOne((int) (entry >>> 32))) {
						long ordinal = entry & 0xFFFFFFFFL;
						found.chunk(ordinal)[(int) (ordinal >>> 6) & CHUNK_MASK] |= 1L << ordinal;
					}
				}
			}
		}
		return found;
	}

	private static int partition(int key, int shift) {
		return (shift == 32) ? 0 : key >>> shift;
	}

	/**
	 * Returns whether a node has a key that no other node has.
	 * @param ordinal the node's ordinal
	 * @return {@code true} if its key is its own
	 */
	boolean isUnique(long ordinal) {
		return (chunk(ordinal)[(int) (ordinal >>> 6) & CHUNK_MASK] & (1L << ordinal)) != 0;
	}

	private long[] chunk(long ordinal) {
		return this.unique[(int) (ordinal >>> CHUNK_BITS)];
	}

	/**
	 * How often each key of one partition occurs, up to two, in open addressing.
	 */
	private static final class KeyCounts {

		private int[] keys = new int[4 * KEYS_PER_PARTITION];

		private byte[] counts = new byte[4 * KEYS_PER_PARTITION];

		private int size;

		void clear() {
			Arrays.fill(this.keys, 0);
			Arrays.fill(this.counts, (byte) 0);
			this.size = 0;
		}

		void add(int key) {
			if (2 * (this.size + 1) > this.keys.length) {
				grow();
			}
			int slot = slot(key);
			if (this.keys[slot] == 0) {
				this.keys[slot] = key;
				this.counts[slot] = 1;
				this.size++;
			}
			else if (this.counts[slot] == 1) {
				this.counts[slot] = 2;
			}
		}

		boolean isOne(int key) {
			return this.counts[slot(key)] == 1;
		}

		private int slot(int key) {
			int mask = this.keys.length - 1;
			int slot = (key * 0x9E3779B9) >>> 7 & mask;
			while (this.keys[slot] != 0 && this.keys[slot] != key) {
				slot = (slot + 1) & mask;
			}
			return slot;
		}

		private void grow() {
			int[] oldKeys = this.keys;
			byte[] oldCounts = this.counts;
			this.keys = new int[2 * oldKeys.length];
			this.counts = new byte[2 * oldKeys.length];
			for (int i = 0; i < oldKeys.length; i++) {
				if (oldKeys[i] != 0) {
					int slot = slot(oldKeys[i]);
					this.keys[slot] = oldKeys[i];
					this.counts[slot] = oldCounts[i];
				}
			}
		}

	}

}
