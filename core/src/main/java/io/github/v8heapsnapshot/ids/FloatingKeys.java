package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.index.MappedBuffer;

/**
 * Keys for the nodes that no root reaches, which have no place to be found by: those that
 * only hang from weak references or from fields that HPROF leaves out, such as the
 * reflection caches of {@code java.lang.Class}. A node's key says what it holds, a few
 * references deep: the classes, the contents of the rooted nodes and the keys of the
 * others. It starts from the node's class and content and is refined once per round, so
 * that cycles do not stop it. The keys are kept in the place slots of {@link NodeKeys}. A
 * node whose
 * key another node shares (the same {@code Class[]} of parameter types in two methods) is
 * found instead by its place, as a rooted node is, from the references kept here.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class FloatingKeys implements Closeable {

	/** How many references deep a key looks. */
	private static final int ROUNDS = 4;

	private static final long FLOATING = 1L << 32;

	private static final long ROOTED = 2L << 32;

	private final EdgeList edges;

	private final OrdinalList nodes;

	private final MappedBuffer sums;

	private @Nullable PlaceIndex keyCounts;

	FloatingKeys(Path directory, long count) throws IOException {
		this.edges = new EdgeList(directory, "floating-edges");
		try {
			this.nodes = new OrdinalList(directory, "floating-nodes");
			try {
				this.sums = MappedBuffer.create(directory, "floating-sums", Math.max(1, count) * 4);
			}
			catch (IOException | RuntimeException ex) {
				this.nodes.close();
				throw ex;
			}
		}
		catch (IOException | RuntimeException ex) {
			this.edges.close();
			throw ex;
		}
	}

	/**
	 * Adds a node that no root reaches.
	 */
	void addNode(long ordinal) throws IOException {
		this.nodes.add(ordinal);
	}

	/**
	 * Adds a reference that a node that no root reaches holds or that leads to one.
	 */
	void addEdge(long source, int name, long target) throws IOException {
		this.edges.add(source, name, target);
	}

	EdgeList edges() {
		return this.edges;
	}

	long nodeCount() {
		return this.nodes.size();
	}

	long node(long index) {
		return this.nodes.get(index);
	}

	/**
	 * Computes the keys into the place slots of the nodes added, from the ids that the
	 * rooted nodes have now, and counts them.
	 */
	void compute(NodeKeys keys, ObjectGraph graph, Path directory) throws IOException {
		for (long i = 0; i < nodeCount(); i++) {
			long ordinal = node(i);
			keys.place(ordinal, ObjectGraph.key(keys.classKey(ordinal),
					FLOATING | Integer.toUnsignedLong(keys.content(ordinal))));
		}
		for (int round = 0; round < ROUNDS; round++) {
			this.edges.forEach((source, name, target) -> {
				if (!graph.rooted(source)) {
					this.sums.putInt(source * 4, this.sums.getInt(source * 4) + ObjectGraph.key(name, held(keys, graph, target)));
				}
			});
			for (long i = 0; i < nodeCount(); i++) {
				long ordinal = node(i);
				keys.place(ordinal, ObjectGraph.key(keys.place(ordinal), this.sums.getInt(ordinal * 4)));
				this.sums.putInt(ordinal * 4, 0);
			}
		}
		if (this.keyCounts != null) {
			this.keyCounts.close();
		}
		this.keyCounts = new PlaceIndex(directory, nodeCount());
		for (long i = 0; i < nodeCount(); i++) {
			this.keyCounts.add(keys.place(node(i)), 1);
		}
	}

	/**
	 * What a reference contributes to its source's key: a class's id, a rooted node's class
	 * and content (not its id, which a compacting collector may have cost it), or the key
	 * of a node that no root reaches.
	 */
	private static long held(NodeKeys keys, ObjectGraph graph, long target) {
		if (graph.isClass(target)) {
			return keys.id(target);
		}
		if (graph.rooted(target)) {
			int content = keys.content(target);
			return ROOTED | Integer.toUnsignedLong((content != 0) ? content : keys.classKey(target));
		}
		return FLOATING | Integer.toUnsignedLong(keys.place(target));
	}

	/**
	 * Tells whether no other node has a key, as last {@linkplain #compute computed}.
	 */
	boolean isUnique(int key) {
		return this.keyCounts != null && this.keyCounts.isUnique(key);
	}

	/**
	 * Keeps a place key of a node if it is the first.
	 */
	void offerPlace(long ordinal, int place) {
		if (this.sums.getInt(ordinal * 4) == 0) {
			this.sums.putInt(ordinal * 4, place);
		}
	}

	/**
	 * Returns the first place key {@linkplain #offerPlace offered} for a node.
	 */
	int place(long ordinal) {
		return this.sums.getInt(ordinal * 4);
	}

	@Override
	public void close() throws IOException {
		try (EdgeList edgeList = this.edges; OrdinalList nodeList = this.nodes; MappedBuffer sumBuffer = this.sums) {
			if (this.keyCounts != null) {
				this.keyCounts.close();
			}
		}
	}

}
