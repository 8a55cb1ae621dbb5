package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import io.github.v8heapsnapshot.summary.HeapSummary.DuplicatedString;

/**
 * The string values held by more than one {@code string} node, by the bytes all copies but
 * the largest take. A {@code string} node's name is its value and the strings table holds
 * each value once, so nodes with the same value have the same name index. Nodes with a
 * zero self size are left out, as in DevTools.
 *
 * @author v8heapsnapshot developers
 */
final class DuplicatedStrings {

	private final SnapshotGraph graph;

	private final ScratchSpace scratch;

	DuplicatedStrings(SnapshotGraph graph, ScratchSpace scratch) {
		this.graph = graph;
		this.scratch = scratch;
	}

	List<DuplicatedString> find(int limit) throws IOException {
		SnapshotGraph graph = this.graph;
		int stringType = graph.header().nodeType("string");
		int strings = Math.max(graph.stringCount(), 1);
		ScratchSpace.Ints counts = this.scratch.ints("string-counts", strings);
		ScratchSpace.Ints largest = this.scratch.ints("string-largest", strings);
		ScratchSpace.Longs totals = this.scratch.longs("string-totals", strings);
		for (int node = 0; node < graph.nodeCount(); node++) {
			long size = graph.size(node);
			int name = graph.name(node);
			if (graph.type(node) == stringType && size > 0 && name >= 0 && name < graph.stringCount()) {
				counts.set(name, counts.get(name) + 1);
				totals.set(name, totals.get(name) + size);
				if (size > Integer.toUnsignedLong(largest.get(name))) {
					largest.set(name, (int) size);
				}
			}
			this.graph.checkCancelled(node);
		}
		PriorityQueue<long[]> top = new PriorityQueue<>((a, b) -> Long.compare(a[1], b[1]));
		for (int name = 0; name < graph.stringCount(); name++) {
			if (counts.get(name) > 1 && limit > 0) {
				long wasted = totals.get(name) - Integer.toUnsignedLong(largest.get(name));
				if (top.size() < limit) {
					top.add(new long[] { name, wasted });
				}
				else if (wasted > top.peek()[1]) {
					top.poll();
					top.add(new long[] { name, wasted });
				}
			}
			this.graph.checkCancelled(name);
		}
		List<DuplicatedString> duplicated = new ArrayList<>();
		while (!top.isEmpty()) {
			int name = (int) top.poll()[0];
			long size = Integer.toUnsignedLong(largest.get(name));
			duplicated.add(0, new DuplicatedString(graph.string(name), counts.get(name), size, totals.get(name) - size));
		}
		this.scratch.release(counts);
		this.scratch.release(largest);
		this.scratch.release(totals);
		return duplicated;
	}

}
