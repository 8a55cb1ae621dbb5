package io.github.v8heapsnapshot.summary;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Marks the nodes DevTools calls page-owned ({@code markPageOwnedNodes}): whatever the
 * root's {@code shortcut} children and a {@code (Document DOM trees)} child reach over
 * non-weak edges. V8 writes such root edges for the global object of a page or of Node; this
 * project's snapshots have none, and then nothing is marked.
 *
 * @author v8heapsnapshot developers
 */
final class PageOwnedNodes {

	private final SnapshotGraph graph;

	PageOwnedNodes(SnapshotGraph graph) {
		this.graph = graph;
	}

	/**
	 * Marks the page-owned nodes.
	 * @param scratch where to keep the walk's stack
	 * @return one bit per node, or {@code null} if no node is page-owned
	 * @throws IOException if the file cannot be read
	 */
	long @Nullable [] mark(ScratchSpace scratch) throws IOException {
		SnapshotGraph graph = this.graph;
		int root = graph.root();
		int synthetic = graph.header().nodeType("synthetic");
		long[] owned = null;
		ScratchSpace.Ints stack = null;
		int size = 0;
		for (int edge = graph.firstEdge(root); edge < graph.firstEdge(root + 1); edge++) {
			int target = graph.target(edge);
			boolean seed = graph.isShortcut(edge) || (graph.isElement(edge) && graph.type(target) == synthetic
					&& graph.string(graph.name(target)).equals("(Document DOM trees)"));
			if (seed) {
				if (owned == null || stack == null) {
					owned = new long[(graph.nodeCount() + 63) >>> 6];
					stack = scratch.ints("page-owned-stack", graph.nodeCount());
				}
				if (mark(owned, target)) {
					stack.set(size++, target);
				}
			}
		}
		if (owned == null || stack == null) {
			return null;
		}
		while (size > 0) {
			int node = stack.get(--size);
			for (int edge = graph.firstEdge(node); edge < graph.firstEdge(node + 1); edge++) {
				int target = graph.target(edge);
				if (!graph.isWeak(edge) && mark(owned, target)) {
					stack.set(size++, target);
				}
			}
			this.graph.checkCancelled(size);
		}
		scratch.release(stack);
		return owned;
	}

	private static boolean mark(long[] bits, int index) {
		long bit = 1L << index;
		if ((bits[index >>> 6] & bit) != 0) {
			return false;
		}
		bits[index >>> 6] |= bit;
		return true;
	}

}
