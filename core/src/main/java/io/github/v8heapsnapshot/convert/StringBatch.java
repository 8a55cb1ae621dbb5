package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.Arrays;

import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * String names collected a few at a time, so that their lookups in the strings table
 * overlap: per String node, in order, its name's index in the strings table and the size
 * of the value array that folds into it.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class StringBatch {

	private static final int SIZE = 16;

	private final StringTable strings;

	private final StringNames names;

	private byte[] bytes = new byte[SIZE * 64];

	private final int[] ends = new int[SIZE];

	private final long[] folded = new long[SIZE];

	private final long[] hashes = new long[SIZE];

	private int count;

	StringBatch(StringTable strings, StringNames names) {
		this.strings = strings;
		this.names = names;
	}

	void add(byte[] escaped, int length, long foldedSize) throws IOException {
		int start = (this.count > 0) ? this.ends[this.count - 1] : 0;
		if (start + length > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(2 * this.bytes.length, start + length));
		}
		System.arraycopy(escaped, 0, this.bytes, start, length);
		this.ends[this.count] = start + length;
		this.folded[this.count++] = foldedSize;
		if (this.count == SIZE) {
			flush();
		}
	}

	void flush() throws IOException {
		StringTable table = this.strings;
		for (int i = 0, start = 0; i < this.count; start = this.ends[i++]) {
			this.hashes[i] = StringTable.hash(this.bytes, start, this.ends[i] - start);
		}
		// A loop of loads alone, so that the processor has them all in flight at once
		for (int i = 0; i < this.count; i++) {
			table.prefetch(this.hashes[i]);
		}
		for (int i = 0, start = 0; i < this.count; start = this.ends[i++]) {
			int name = table.internEscaped(this.bytes, start, this.ends[i] - start, this.hashes[i]);
			this.names.add(name, (int) Math.min(this.folded[i], SnapshotFormat.MAX_SIZE));
		}
		this.count = 0;
	}

}
