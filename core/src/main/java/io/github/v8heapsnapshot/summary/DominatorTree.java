package io.github.v8heapsnapshot.summary;

import java.io.IOException;

/**
 * The dominator tree of a snapshot and every node's retained size, computed with the
 * Semi-NCA algorithm (as in LLVM) over the edges DevTools counts. Vertices are numbered in
 * depth-first preorder from the root (1); a vertex's dominator always has a smaller number.
 * Every loop is iterative: a JVM heap can hold chains of millions of objects.
 * <p>
 * Nodes the root does not reach are handled as DevTools does: first those with no
 * essential retainer are searched from as if they were children of the root, then any
 * remaining node is hung directly under the root, without becoming a path from the root
 * for the nodes it refers to (its semi-dominator starts at its own number, as in DevTools'
 * {@code calculateDominatorsAndRetainedSizes}, rather than at its parent's).
 *
 * @author v8heapsnapshot developers
 */
final class DominatorTree {

	private final int count;

	private final ScratchSpace.Ints vertices;

	private final ScratchSpace.Ints dominators;

	private final ScratchSpace.Longs retained;

	private DominatorTree(int count, ScratchSpace.Ints vertices, ScratchSpace.Ints dominators,
			ScratchSpace.Longs retained) {
		this.count = count;
		this.vertices = vertices;
		this.dominators = dominators;
		this.retained = retained;
	}

	static DominatorTree compute(SnapshotGraph graph, ScratchSpace scratch) throws IOException {
		return new Builder(graph, scratch).build();
	}

	/**
	 * Returns the number of vertices, which is the number of nodes.
	 * @return the count
	 */
	int count() {
		return this.count;
	}

	int node(int number) {
		return this.vertices.get(number);
	}

	/**
	 * Returns a vertex's immediate dominator.
	 * @param number the vertex
	 * @return its dominator, or 0 for the root (1)
	 */
	int dominator(int number) {
		return this.dominators.get(number);
	}

	long retainedSize(int number) {
		return this.retained.get(number);
	}

	private static final class Builder {

		private final SnapshotGraph graph;

		private final ScratchSpace scratch;

		private final int nodeCount;

		private final ScratchSpace.Ints numbers;

		private final ScratchSpace.Ints vertices;

		private final ScratchSpace.Ints parents;

		private final ScratchSpace.Ints cursors;

		private int count;

		Builder(SnapshotGraph graph, ScratchSpace scratch) throws IOException {
			this.graph = graph;
			this.scratch = scratch;
			this.nodeCount = graph.nodeCount();
			this.numbers = scratch.ints("dfs-numbers", this.nodeCount);
			this.vertices = scratch.ints("dfs-vertices", this.nodeCount + 1L);
			this.parents = scratch.ints("dfs-parents", this.nodeCount + 1L);
			this.cursors = scratch.ints("dfs-cursors", this.nodeCount + 2L);
		}

		DominatorTree build() throws IOException {
			ScratchSpace.Ints inDegrees = countEssentialRetainers();
			search(this.graph.root(), 0);
			for (int node = 0; node < this.nodeCount && this.count < this.nodeCount; node++) {
				if (this.numbers.get(node) == 0 && inDegrees.get(node) == 0) {
					search(node, 1);
				}
			}
			for (int node = 0; node < this.nodeCount && this.count < this.nodeCount; node++) {
				if (this.numbers.get(node) == 0) {
					number(node, 1);
				}
			}
			ScratchSpace.Ints predecessors = predecessors(inDegrees);
			this.scratch.release(inDegrees);
			this.scratch.release(this.numbers);
			ScratchSpace.Ints dominators = this.scratch.ints("dominators", this.count + 1L);
			semiNca(predecessors, dominators);
			this.scratch.release(predecessors);
			this.scratch.release(this.cursors);
			this.scratch.release(this.parents);
			ScratchSpace.Longs retained = this.scratch.longs("retained", this.count + 1L);
			for (int number = 1; number <= this.count; number++) {
				retained.set(number, this.graph.size(this.vertices.get(number)));
			}
			for (int number = this.count; number > 1; number--) {
				int dominator = dominators.get(number);
				retained.set(dominator, retained.get(dominator) + retained.get(number));
			}
			return new DominatorTree(this.count, this.vertices, dominators, retained);
		}

		private ScratchSpace.Ints countEssentialRetainers() throws IOException {
			ScratchSpace.Ints inDegrees = this.scratch.ints("in-degrees", this.nodeCount);
			SnapshotGraph graph = this.graph;
			for (int node = 0; node < this.nodeCount; node++) {
				int end = graph.firstEdge(node + 1);
				for (int edge = graph.firstEdge(node); edge < end; edge++) {
					if (graph.isEssential(node, edge)) {
						int target = graph.target(edge);
						inDegrees.set(target, inDegrees.get(target) + 1);
					}
				}
				this.graph.checkCancelled(node);
			}
			return inDegrees;
		}

		// Depth-first over essential edges in edge order, as DevTools does
		private void search(int start, int parent) throws IOException {
			SnapshotGraph graph = this.graph;
			number(start, parent);
			int node = start;
			while (true) {
				int end = graph.firstEdge(node + 1);
				int edge = this.cursors.get(node);
				int next = -1;
				while (edge < end) {
					int target = graph.target(edge);
					boolean tree = this.numbers.get(target) == 0 && graph.isEssential(node, edge);
					edge++;
					if (tree) {
						next = target;
						break;
					}
				}
				this.cursors.set(node, edge);
				if (next >= 0) {
					number(next, this.numbers.get(node));
					node = next;
				}
				else if (node == start) {
					return;
				}
				else {
					node = this.vertices.get(this.parents.get(this.numbers.get(node)));
				}
				this.graph.checkCancelled(this.count);
			}
		}

		private void number(int node, int parent) {
			int number = ++this.count;
			this.numbers.set(node, number);
			this.vertices.set(number, node);
			this.parents.set(number, parent);
			this.cursors.set(node, this.graph.firstEdge(node));
		}

		// Predecessors by vertex number; the cursors become each vertex's first position
		private ScratchSpace.Ints predecessors(ScratchSpace.Ints inDegrees) throws IOException {
			ScratchSpace.Ints positions = this.cursors;
			long total = 0;
			for (int number = 1; number <= this.count; number++) {
				total += inDegrees.get(this.vertices.get(number));
				positions.set(number, (int) total);
			}
			positions.set(this.count + 1, (int) total);
			ScratchSpace.Ints predecessors = this.scratch.ints("predecessors", total);
			SnapshotGraph graph = this.graph;
			for (int node = 0; node < this.nodeCount; node++) {
				int number = this.numbers.get(node);
				int end = graph.firstEdge(node + 1);
				for (int edge = graph.firstEdge(node); edge < end; edge++) {
					if (graph.isEssential(node, edge)) {
						int target = this.numbers.get(graph.target(edge));
						int position = positions.get(target) - 1;
						positions.set(target, position);
						predecessors.set(position, number);
					}
				}
				this.graph.checkCancelled(node);
			}
			return predecessors;
		}

		private void semiNca(ScratchSpace.Ints predecessors, ScratchSpace.Ints dominators) throws IOException {
			ScratchSpace.Ints positions = this.cursors;
			ScratchSpace.Ints ancestors = this.parents;
			ScratchSpace.Ints semis = this.scratch.ints("semis", this.count + 1L);
			ScratchSpace.Ints labels = this.scratch.ints("labels", this.count + 1L);
			// Compressed paths are short: the stack grows only when one is not
			ScratchSpace.Ints stack = this.scratch.ints("compression-stack", 1 << 16);
			for (int number = 1; number <= this.count; number++) {
				dominators.set(number, ancestors.get(number));
				semis.set(number, number);
				labels.set(number, number);
			}
			for (int number = this.count; number >= 2; number--) {
				// As in DevTools: a node hung under the root is no path from the root for others
				int start = positions.get(number);
				int end = positions.get(number + 1);
				int semi = (start == end) ? 1 : number;
				for (int position = start; position < end; position++) {
					int candidate = semis.get(evaluate(predecessors.get(position), number + 1, ancestors, semis, labels, stack));
					if (candidate < semi) {
						semi = candidate;
					}
				}
				semis.set(number, semi);
				this.graph.checkCancelled(number);
			}
			for (int number = 2; number <= this.count; number++) {
				int semi = semis.get(number);
				int dominator = dominators.get(number);
				while (dominator > semi) {
					dominator = dominators.get(dominator);
				}
				dominators.set(number, dominator);
			}
			this.scratch.release(stack);
			this.scratch.release(semis);
			this.scratch.release(labels);
		}

		// The vertex of least semi-dominator on the linked path above a vertex, compressing it
		private static int evaluate(int vertex, int lastLinked, ScratchSpace.Ints ancestors, ScratchSpace.Ints semis,
				ScratchSpace.Ints labels, ScratchSpace.Ints stack) throws IOException {
			if (ancestors.get(vertex) < lastLinked) {
				return labels.get(vertex);
			}
			int size = 0;
			int current = vertex;
			do {
				stack.ensureLength(size + 1L);
				stack.set(size++, current);
				current = ancestors.get(current);
			}
			while (ancestors.get(current) >= lastLinked);
			int above = current;
			int aboveLabel = labels.get(above);
			int below;
			do {
				below = stack.get(--size);
				ancestors.set(below, ancestors.get(above));
				int belowLabel = labels.get(below);
				if (semis.get(aboveLabel) < semis.get(belowLabel)) {
					labels.set(below, aboveLabel);
				}
				else {
					aboveLabel = belowLabel;
				}
				above = below;
			}
			while (size > 0);
			return labels.get(below);
		}

	}

}
