package io.github.v8heapsnapshot.convert;

import java.util.Arrays;

/**
 * A synthetic node under {@code (GC roots)}, one per {@link RootCategory} that has roots,
 * and its edges.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class CategoryNode {

	final RootCategory category;

	int count;

	int[] names = new int[8];

	long[] targets = new long[8];

	CategoryNode(RootCategory category) {
		this.category = category;
	}

	CategoryNode(RootCategory category, long count) {
		this.category = category;
		this.count = (int) count;
	}

	void add(int name, long target) {
		if (this.count == this.names.length) {
			this.names = Arrays.copyOf(this.names, this.count * 2);
			this.targets = Arrays.copyOf(this.targets, this.count * 2);
		}
		this.names[this.count] = name;
		this.targets[this.count++] = target;
	}

}
