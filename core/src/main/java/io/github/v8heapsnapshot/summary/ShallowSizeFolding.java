package io.github.v8heapsnapshot.summary;

import java.io.IOException;

/**
 * Moves the self size of V8's internal arrays into their owners, as DevTools'
 * {@code calculateShallowSizes} does when the root has user roots (non-synthetic children,
 * as V8 writes for a page's or Node's global object): every {@code hidden} or {@code array}
 * node, and every {@code native} one named {@code system / ExternalStringData}, that only
 * one other node reaches over non-weak edges gives its size to that node. This project's
 * snapshots have no user roots, so nothing moves for them.
 *
 * @author v8heapsnapshot developers
 */
final class ShallowSizeFolding {

	private static final int UNOWNED = -1;

	private static final int SHARED = -2;

	private final SnapshotGraph graph;

	ShallowSizeFolding(SnapshotGraph graph) {
		this.graph = graph;
	}

	void fold(ScratchSpace scratch) throws IOException {
		if (!hasUserRoots()) {
			return;
		}
		SnapshotGraph graph = this.graph;
		int count = graph.nodeCount();
		ScratchSpace.Ints owners = scratch.ints("owners", count);
		ScratchSpace.Ints stack = scratch.ints("owner-stack", 3L * count);
		long size = 0;
		for (int node = 0; node < count; node++) {
			if (isFoldable(node)) {
				owners.set(node, UNOWNED);
			}
			else {
				owners.set(node, node);
				stack.set(size++, node);
			}
		}
		while (size > 0) {
			int node = stack.get(--size);
			int owner = owners.get(node);
			int end = graph.firstEdge(node + 1);
			for (int edge = graph.firstEdge(node); edge < end; edge++) {
				if (graph.isWeak(edge)) {
					continue;
				}
				int target = graph.target(edge);
				int current = owners.get(target);
				if (current == UNOWNED) {
					owners.set(target, owner);
					stack.set(size++, target);
				}
				else if (current != target && current != owner && current != SHARED) {
					owners.set(target, SHARED);
					stack.set(size++, target);
				}
			}
			this.graph.checkCancelled(size);
		}
		int synthetic = graph.header().nodeType("synthetic");
		for (int node = 0; node < count; node++) {
			int owner = owners.get(node);
			if (owner >= 0 && owner != node && owner != graph.root() && graph.type(owner) != synthetic) {
				graph.setSize(owner, graph.size(owner) + graph.size(node));
				graph.setSize(node, 0);
			}
		}
		scratch.release(stack);
		scratch.release(owners);
	}

	private boolean hasUserRoots() throws IOException {
		SnapshotGraph graph = this.graph;
		int synthetic = graph.header().nodeType("synthetic");
		for (int edge = graph.firstEdge(graph.root()); edge < graph.firstEdge(graph.root() + 1); edge++) {
			int target = graph.target(edge);
			if (graph.type(target) != synthetic || graph.string(graph.name(target)).equals("(Document DOM trees)")) {
				return true;
			}
		}
		return false;
	}

	private boolean isFoldable(int node) throws IOException {
		String type = this.graph.header().nodeTypes().get(this.graph.type(node));
		return type.equals("hidden") || type.equals("array")
				|| (type.equals("native") && this.graph.string(this.graph.name(node)).equals("system / ExternalStringData"));
	}

}
