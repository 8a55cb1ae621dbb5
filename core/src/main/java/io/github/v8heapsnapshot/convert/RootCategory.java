package io.github.v8heapsnapshot.convert;

import java.util.Arrays;

/**
 * A synthetic node under {@code (GC roots)} and its edges: one of the
 * {@link RootPlan#CATEGORY_NAMES}.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class RootCategory {

	final int kind;

	int count;

	int[] names = new int[8];

	long[] targets = new long[8];

	RootCategory(int kind) {
		this.kind = kind;
	}

	RootCategory(int kind, long count) {
		this.kind = kind;
		this.count = (int) count;
	}

	/**
	 * Returns whether the edges are the nodes no root reaches, found while numbering.
	 * @return whether this is {@link RootPlan#UNREACHABLE} or {@link RootPlan#WEAKLY_REACHABLE}
	 */
	boolean tops() {
		return this.kind == RootPlan.UNREACHABLE || this.kind == RootPlan.WEAKLY_REACHABLE;
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
