package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.v8heapsnapshot.summary.HeapSummary.PathStep;
import io.github.v8heapsnapshot.summary.HeapSummary.Retainer;

/**
 * The objects that retain the most, each with its shortest path from the root's child
 * (normally {@code (GC roots)}).
 * <p>
 * Synthetic nodes (the root, {@code (GC roots)} and its categories) and {@code object shape}
 * nodes (Java classes, whose statics lead to objects that are reported themselves) are not
 * reported. Neither is a node whose immediate dominator could be reported and has the same
 * name (the rest of a linked list) or retains less than 10 % more than it: a chain such as a
 * class loader, its {@code ArrayList} and the list's array then shows once, by its head.
 *
 * @author v8heapsnapshot developers
 */
final class TopRetainers {

	private static final int LONGEST_PATH = 100;

	private final SnapshotGraph graph;

	private final DominatorTree tree;

	private final ScratchSpace scratch;

	private final int synthetic;

	private final int objectShape;

	TopRetainers(SnapshotGraph graph, DominatorTree tree, ScratchSpace scratch) {
		this.graph = graph;
		this.tree = tree;
		this.scratch = scratch;
		this.synthetic = graph.header().nodeType("synthetic");
		this.objectShape = graph.header().nodeType("object shape");
	}

	List<Retainer> find(int limit) throws IOException {
		int[] top = new int[limit];
		int found = 0;
		for (int number = 2; number <= this.tree.count(); number++) {
			if (!isReported(number)) {
				continue;
			}
			long retained = this.tree.retainedSize(number);
			if (found < limit) {
				top[found++] = number;
			}
			else if (limit > 0 && retained > this.tree.retainedSize(top[limit - 1])) {
				top[limit - 1] = number;
			}
			else {
				continue;
			}
			for (int i = found - 1; i > 0 && this.tree.retainedSize(top[i]) > this.tree.retainedSize(top[i - 1]); i--) {
				int swap = top[i];
				top[i] = top[i - 1];
				top[i - 1] = swap;
			}
			this.graph.checkCancelled(number);
		}
		int[] nodes = new int[found];
		for (int i = 0; i < found; i++) {
			nodes[i] = this.tree.node(top[i]);
		}
		ScratchSpace.Ints parentEdges = shortestPaths(nodes);
		List<Retainer> retainers = new ArrayList<>();
		for (int i = 0; i < found; i++) {
			int node = nodes[i];
			retainers.add(new Retainer(this.graph.id(node), label(node), this.graph.size(node),
					this.tree.retainedSize(top[i]), path(node, parentEdges)));
		}
		this.scratch.release(parentEdges);
		return retainers;
	}

	private boolean isReported(int number) {
		int node = this.tree.node(number);
		if (!isCandidate(node)) {
			return false;
		}
		int dominator = this.tree.dominator(number);
		int owner = (dominator > 1) ? this.tree.node(dominator) : -1;
		if (owner < 0 || !isCandidate(owner)) {
			return true;
		}
		boolean sameClass = this.graph.type(owner) == this.graph.type(node) && this.graph.name(owner) == this.graph.name(node);
		return !sameClass && this.tree.retainedSize(number) * 10 < this.tree.retainedSize(dominator) * 9;
	}

	private boolean isCandidate(int node) {
		int type = this.graph.type(node);
		return type != this.synthetic && type != this.objectShape;
	}

	// Breadth-first from the root over non-weak edges, as DevTools computes distances,
	// until every target is reached; each node keeps the edge it was reached by, plus one
	private ScratchSpace.Ints shortestPaths(int[] targets) throws IOException {
		SnapshotGraph graph = this.graph;
		ScratchSpace.Ints parentEdges = this.scratch.ints("parent-edges", graph.nodeCount());
		ScratchSpace.Ints queue = this.scratch.ints("path-queue", graph.nodeCount());
		int root = graph.root();
		parentEdges.set(root, -1);
		long[] wanted = new long[(graph.nodeCount() + 63) >>> 6];
		int remaining = 0;
		for (int target : targets) {
			if (target != root) {
				wanted[target >>> 6] |= 1L << target;
				remaining++;
			}
		}
		int head = 0;
		int tail = 0;
		queue.set(tail++, root);
		while (head < tail && remaining > 0) {
			int node = queue.get(head++);
			int end = graph.firstEdge(node + 1);
			for (int edge = graph.firstEdge(node); edge < end; edge++) {
				int target = graph.target(edge);
				if (parentEdges.get(target) == 0 && !graph.isWeak(edge)) {
					parentEdges.set(target, edge + 1);
					queue.set(tail++, target);
					if ((wanted[target >>> 6] & (1L << target)) != 0) {
						remaining--;
					}
				}
			}
			this.graph.checkCancelled(head);
		}
		this.scratch.release(queue);
		return parentEdges;
	}

	private List<PathStep> path(int node, ScratchSpace.Ints parentEdges) throws IOException {
		List<PathStep> reversed = new ArrayList<>();
		int current = node;
		int skipped = 0;
		int parentEdge = parentEdges.get(current);
		while (parentEdge > 0) {
			int source = this.graph.source(parentEdge - 1);
			boolean first = source == this.graph.root();
			if (reversed.size() < LONGEST_PATH || first) {
				reversed.add(new PathStep(label(current), first ? null : this.graph.edgeName(parentEdge - 1)));
			}
			else {
				skipped++;
			}
			current = source;
			parentEdge = parentEdges.get(current);
		}
		if (skipped > 0) {
			reversed.add(reversed.size() - 1, new PathStep("… " + skipped + " more …", null));
		}
		Collections.reverse(reversed);
		return reversed;
	}

	private String label(int node) throws IOException {
		String name = this.graph.string(this.graph.name(node));
		String type = this.graph.header().nodeTypes().get(this.graph.type(node));
		return (name.isEmpty() || type.contains("string")) ? "(" + type + ")" : name;
	}

}
