package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.github.v8heapsnapshot.summary.HeapSummary.ClassEntry;

/**
 * Counts, self sizes and retained sizes per class, as DevTools' Summary computes them
 * ({@code buildAggregates}, {@code calculateClassesRetainedSize}): only nodes with a
 * non-zero self size count, and an instance adds its retained size only when no
 * dominator-tree ancestor of the same class already did.
 *
 * @author v8heapsnapshot developers
 */
final class ClassHistogram {

	private final SnapshotGraph graph;

	private final DominatorTree tree;

	private final ClassNames classes;

	private final ScratchSpace scratch;

	ClassHistogram(SnapshotGraph graph, DominatorTree tree, ClassNames classes, ScratchSpace scratch) {
		this.graph = graph;
		this.tree = tree;
		this.classes = classes;
		this.scratch = scratch;
	}

	List<ClassEntry> compute() throws IOException {
		long[] counts = new long[this.classes.count()];
		long[] shallow = new long[counts.length];
		for (int node = 0; node < this.graph.nodeCount(); node++) {
			long size = this.graph.size(node);
			if (size > 0) {
				int id = this.classes.classOf(node);
				if (id >= counts.length) {
					counts = Arrays.copyOf(counts, Math.max(id + 1, counts.length * 2));
					shallow = Arrays.copyOf(shallow, counts.length);
				}
				counts[id]++;
				shallow[id] += size;
			}
			this.graph.checkCancelled(node);
		}
		long[] retained = retainedPerClass(counts.length);
		List<ClassEntry> entries = new ArrayList<>();
		for (int id = 0; id < counts.length; id++) {
			if (counts[id] > 0) {
				entries.add(new ClassEntry(this.classes.name(id), counts[id], shallow[id], retained[id]));
			}
		}
		entries.sort(Comparator.comparingLong(ClassEntry::retainedBytes)
			.thenComparingLong(ClassEntry::shallowBytes)
			.reversed()
			.thenComparing(ClassEntry::name));
		return entries;
	}

	// A walk of the dominator tree; a negative stack entry leaves the subtree of a class
	private long[] retainedPerClass(int classCount) throws IOException {
		DominatorTree tree = this.tree;
		int count = tree.count();
		ScratchSpace.Ints firstChild = this.scratch.ints("first-children", count + 2L);
		for (int number = 2; number <= count; number++) {
			int dominator = tree.dominator(number);
			firstChild.set(dominator, firstChild.get(dominator) + 1);
		}
		int total = 0;
		for (int number = 1; number <= count + 1; number++) {
			total += firstChild.get(number);
			firstChild.set(number, total);
		}
		ScratchSpace.Ints children = this.scratch.ints("children", count);
		for (int number = count; number >= 2; number--) {
			int dominator = tree.dominator(number);
			int position = firstChild.get(dominator) - 1;
			firstChild.set(dominator, position);
			children.set(position, number);
		}
		long[] retained = new long[classCount];
		boolean[] inside = new boolean[classCount];
		ScratchSpace.Ints stack = this.scratch.ints("class-walk", 2L * count + 1);
		long size = 0;
		stack.set(size++, 1);
		while (size > 0) {
			int entry = stack.get(--size);
			if (entry < 0) {
				inside[~entry] = false;
				continue;
			}
			int node = tree.node(entry);
			int first = firstChild.get(entry);
			int end = firstChild.get(entry + 1);
			if (this.graph.size(node) > 0) {
				int id = this.classes.classOf(node);
				if (!inside[id]) {
					retained[id] += tree.retainedSize(entry);
					if (first != end) {
						inside[id] = true;
						stack.set(size++, ~id);
					}
				}
			}
			for (int position = first; position < end; position++) {
				stack.set(size++, children.get(position));
			}
			this.graph.checkCancelled(size);
		}
		this.scratch.release(stack);
		this.scratch.release(children);
		this.scratch.release(firstChild);
		return retained;
	}

}
