package io.github.v8heapsnapshot.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code .heapsnapshot} file read into arrays, independently of the engine: nodes, edges
 * and strings, lookups by name and edge, and dominators and retained sizes computed the way
 * DevTools and memlab compute them ({@code weak} edges ignored, nodes that the root does
 * not reach hung under the root).
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class SnapshotModel {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final List<String> keys;

	private final JsonNode header;

	private final int nodeFieldCount;

	private final List<String> nodeTypes;

	private final List<String> edgeTypes;

	private final long[] nodes;

	private final long[] edges;

	private final List<String> strings;

	private final int[] firstEdge;

	private final int typeColumn;

	private final int nameColumn;

	private final int idColumn;

	private final int sizeColumn;

	private int @Nullable [] distances;

	private int @Nullable [] dominators;

	private long @Nullable [] retainedSizes;

	private SnapshotModel(List<String> keys, JsonNode header, long[] nodes, long[] edges, List<String> strings) {
		this.keys = keys;
		this.header = header;
		JsonNode meta = header.path("meta");
		List<String> nodeFields = texts(meta.path("node_fields"));
		this.nodeFieldCount = nodeFields.size();
		this.typeColumn = nodeFields.indexOf("type");
		this.nameColumn = nodeFields.indexOf("name");
		this.idColumn = nodeFields.indexOf("id");
		this.sizeColumn = nodeFields.indexOf("self_size");
		this.nodeTypes = texts(meta.path("node_types").path(0));
		this.edgeTypes = texts(meta.path("edge_types").path(0));
		this.nodes = nodes;
		this.edges = edges;
		this.strings = strings;
		int edgeCountColumn = nodeFields.indexOf("edge_count");
		int count = nodeCount();
		this.firstEdge = new int[count + 1];
		for (int node = 0; node < count; node++) {
			this.firstEdge[node + 1] = this.firstEdge[node] + (int) field(node, edgeCountColumn);
		}
	}

	/**
	 * Reads a snapshot file.
	 * @param file the {@code .heapsnapshot} file
	 * @return the model
	 * @throws IOException if the file cannot be read
	 */
	public static SnapshotModel read(Path file) throws IOException {
		List<String> keys = new ArrayList<>();
		JsonNode header = null;
		long[] nodes = new long[0];
		long[] edges = new long[0];
		List<String> strings = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(file.toFile())) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				keys.add(key);
				parser.nextToken();
				switch (key) {
					case "snapshot" -> header = JSON.readTree(parser);
					case "nodes" -> nodes = numbers(parser);
					case "edges" -> edges = numbers(parser);
					case "strings" -> {
						expect(parser.currentToken(), JsonToken.START_ARRAY);
						while (parser.nextToken() != JsonToken.END_ARRAY) {
							strings.add(parser.getString());
						}
					}
					default -> parser.skipChildren();
				}
			}
		}
		if (header == null) {
			throw new IOException("No snapshot header in " + file);
		}
		return new SnapshotModel(List.copyOf(keys), header, nodes, edges, List.copyOf(strings));
	}

	/**
	 * Returns the top-level keys in file order.
	 * @return the keys
	 */
	public List<String> keys() {
		return this.keys;
	}

	/**
	 * Returns the {@code snapshot} header object.
	 * @return the header with {@code meta}, {@code node_count} and {@code edge_count}
	 */
	public JsonNode header() {
		return this.header;
	}

	/**
	 * Returns the raw {@code nodes} array.
	 * @return the flat node fields
	 */
	public long[] rawNodes() {
		return this.nodes.clone();
	}

	/**
	 * Returns the raw {@code edges} array.
	 * @return the flat edge fields
	 */
	public long[] rawEdges() {
		return this.edges.clone();
	}

	/**
	 * Returns the {@code strings} table.
	 * @return the strings
	 */
	public List<String> strings() {
		return this.strings;
	}

	/**
	 * Returns the number of nodes in the {@code nodes} array.
	 * @return the node count
	 */
	public int nodeCount() {
		return this.nodes.length / this.nodeFieldCount;
	}

	/**
	 * Returns the number of edges in the {@code edges} array.
	 * @return the edge count
	 */
	public int edgeCount() {
		return this.edges.length / 3;
	}

	/**
	 * Returns the number of fields of a node record.
	 * @return the node field count
	 */
	public int nodeFieldCount() {
		return this.nodeFieldCount;
	}

	/**
	 * Returns a node's type name.
	 * @param node the node ordinal
	 * @return the type
	 */
	public String type(int node) {
		return this.nodeTypes.get((int) field(node, this.typeColumn));
	}

	/**
	 * Returns a node's name.
	 * @param node the node ordinal
	 * @return the name
	 */
	public String name(int node) {
		return this.strings.get((int) field(node, this.nameColumn));
	}

	/**
	 * Returns a node's id.
	 * @param node the node ordinal
	 * @return the id
	 */
	public long id(int node) {
		return field(node, this.idColumn);
	}

	/**
	 * Returns a node's self size.
	 * @param node the node ordinal
	 * @return the self size in bytes
	 */
	public long selfSize(int node) {
		return field(node, this.sizeColumn);
	}

	/**
	 * Returns the sum of all self sizes.
	 * @return the total
	 */
	public long totalSelfSize() {
		return IntStream.range(0, nodeCount()).mapToLong(this::selfSize).sum();
	}

	/**
	 * Returns the nodes of a type and name, in node order.
	 * @param type the node type
	 * @param name the node name
	 * @return the node ordinals
	 */
	public List<Integer> nodes(String type, String name) {
		return IntStream.range(0, nodeCount())
			.filter((node) -> type(node).equals(type) && name(node).equals(name))
			.boxed()
			.toList();
	}

	/**
	 * Returns the one node of a type and name.
	 * @param type the node type
	 * @param name the node name
	 * @return the node ordinal
	 * @throws AssertionError if there is not exactly one such node
	 */
	public int node(String type, String name) {
		List<Integer> found = nodes(type, name);
		if (found.size() != 1) {
			throw new AssertionError("Expected one " + type + " node named '" + name + "' but found " + found.size());
		}
		return found.get(0);
	}

	/**
	 * Returns a node's outgoing edges.
	 * @param node the node ordinal
	 * @return the edges in file order
	 */
	public List<Edge> edges(int node) {
		List<Edge> result = new ArrayList<>();
		for (int edge = this.firstEdge[node]; edge < this.firstEdge[node + 1]; edge++) {
			result.add(edge(node, edge));
		}
		return result;
	}

	/**
	 * Returns the edges that lead to a node.
	 * @param node the node ordinal
	 * @return the edges, in file order
	 */
	public List<Edge> retainers(int node) {
		List<Edge> result = new ArrayList<>();
		for (int from = 0; from < nodeCount(); from++) {
			for (int edge = this.firstEdge[from]; edge < this.firstEdge[from + 1]; edge++) {
				if (target(edge) == node) {
					result.add(edge(from, edge));
				}
			}
		}
		return result;
	}

	/**
	 * Returns the target of a node's edge with a name.
	 * @param node the node ordinal
	 * @param name the edge name (or element index)
	 * @return the target node ordinal
	 * @throws AssertionError if the node has no such edge
	 */
	public int follow(int node, String name) {
		return edges(node).stream()
			.filter((edge) -> edge.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Node " + describe(node) + " has no edge '" + name + "' but "
					+ edges(node).stream().map(Edge::name).toList()))
			.to();
	}

	/**
	 * Returns a short description of a node for messages.
	 * @param node the node ordinal
	 * @return type, name and id
	 */
	public String describe(int node) {
		String name = name(node);
		return type(node) + " '" + ((name.length() > 60) ? name.substring(0, 60) + "…" : name) + "' @" + id(node);
	}

	/**
	 * Returns a node's distance from the root over all but {@code weak} edges, as DevTools
	 * shows it.
	 * @param node the node ordinal
	 * @return the number of edges from the root, or -1 if the root does not reach the node
	 */
	public int distance(int node) {
		if (this.distances == null) {
			int weak = this.edgeTypes.indexOf("weak");
			int[] distances = new int[nodeCount()];
			Arrays.fill(distances, -1);
			int[] queue = new int[nodeCount()];
			int head = 0;
			int tail = 0;
			distances[0] = 0;
			queue[tail++] = 0;
			while (head < tail) {
				int from = queue[head++];
				for (int edge = this.firstEdge[from]; edge < this.firstEdge[from + 1]; edge++) {
					int to = target(edge);
					if (this.edges[edge * 3] != weak && distances[to] == -1) {
						distances[to] = distances[from] + 1;
						queue[tail++] = to;
					}
				}
			}
			this.distances = distances;
		}
		return this.distances[node];
	}

	/**
	 * Returns a node's immediate dominator, computed over all but {@code weak} edges.
	 * @param node the node ordinal
	 * @return the dominator's ordinal, or -1 for the root
	 */
	public int dominator(int node) {
		computeDominators();
		return this.dominators[node];
	}

	/**
	 * Returns a node's retained size: its self size plus that of every node it dominates.
	 * @param node the node ordinal
	 * @return the retained size in bytes
	 */
	public long retainedSize(int node) {
		computeDominators();
		return this.retainedSizes[node];
	}

	private Edge edge(int from, int edge) {
		String type = this.edgeTypes.get((int) this.edges[edge * 3]);
		long nameOrIndex = this.edges[edge * 3 + 1];
		String name = (type.equals("element") || type.equals("hidden")) ? Long.toString(nameOrIndex)
				: this.strings.get((int) nameOrIndex);
		return new Edge(from, type, name, target(edge));
	}

	private int target(int edge) {
		return (int) (this.edges[edge * 3 + 2] / this.nodeFieldCount);
	}

	private long field(int node, int column) {
		return this.nodes[node * this.nodeFieldCount + column];
	}

	// Cooper, Harvey and Kennedy's iterative algorithm over the reverse postorder
	private void computeDominators() {
		if (this.retainedSizes != null) {
			return;
		}
		int count = nodeCount();
		int weak = this.edgeTypes.indexOf("weak");
		int[][] successors = new int[count][];
		int[] predecessorCount = new int[count];
		for (int node = 0; node < count; node++) {
			int source = node;
			successors[node] = IntStream.range(this.firstEdge[node], this.firstEdge[node + 1])
				.filter((edge) -> this.edges[edge * 3] != weak && target(edge) != source)
				.map(this::target)
				.toArray();
			for (int target : successors[node]) {
				predecessorCount[target]++;
			}
		}
		BitSet hungUnderRoot = new BitSet(count);
		Walk walk = new Walk(successors);
		walk.from(0);
		// Like the consumers: first the nodes nothing retains, then whatever cycles remain
		for (boolean orphansOnly : new boolean[] { true, false }) {
			for (int node = 0; node < count; node++) {
				if (!walk.visited.get(node) && (!orphansOnly || predecessorCount[node] == 0)) {
					hungUnderRoot.set(node);
					walk.from(node);
				}
			}
		}
		successors[0] = IntStream.concat(Arrays.stream(successors[0]), hungUnderRoot.stream()).toArray();
		walk = new Walk(successors);
		walk.from(0);
		int[] order = walk.order;
		int[] postorder = walk.postorder;
		int[][] predecessors = new int[count][];
		for (int node = 0; node < count; node++) {
			predecessors[node] = new int[predecessorCount[node] + (hungUnderRoot.get(node) ? 1 : 0)];
		}
		int[] filled = new int[count];
		for (int node = 0; node < count; node++) {
			for (int target : successors[node]) {
				predecessors[target][filled[target]++] = node;
			}
		}
		int[] idom = new int[count];
		Arrays.fill(idom, -1);
		idom[0] = 0;
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int index = count - 2; index >= 0; index--) {
				int node = order[index];
				int candidate = -1;
				for (int predecessor : predecessors[node]) {
					if (idom[predecessor] != -1) {
						candidate = (candidate == -1) ? predecessor : intersect(predecessor, candidate, idom, postorder);
					}
				}
				if (candidate != -1 && idom[node] != candidate) {
					idom[node] = candidate;
					changed = true;
				}
			}
		}
		long[] retained = new long[count];
		for (int index = 0; index < count; index++) {
			int node = order[index];
			retained[node] += selfSize(node);
			if (node != 0) {
				retained[idom[node]] += retained[node];
			}
		}
		idom[0] = -1;
		this.dominators = idom;
		this.retainedSizes = retained;
	}

	private static int intersect(int first, int second, int[] idom, int[] postorder) {
		int a = first;
		int b = second;
		while (a != b) {
			while (postorder[a] < postorder[b]) {
				a = idom[a];
			}
			while (postorder[b] < postorder[a]) {
				b = idom[b];
			}
		}
		return a;
	}

	/**
	 * A depth-first walk that numbers nodes in postorder; iterative, so that long chains do
	 * not overflow the stack.
	 */
	private static final class Walk {

		private final int[][] successors;

		private final BitSet visited;

		private final int[] order;

		private final int[] postorder;

		private final int[] stack;

		private final int[] next;

		private int position;

		Walk(int[][] successors) {
			this.successors = successors;
			this.visited = new BitSet(successors.length);
			this.order = new int[successors.length];
			this.postorder = new int[successors.length];
			this.stack = new int[successors.length];
			this.next = new int[successors.length];
		}

		void from(int start) {
			int size = 0;
			this.stack[size++] = start;
			this.visited.set(start);
			while (size > 0) {
				int node = this.stack[size - 1];
				if (this.next[node] < this.successors[node].length) {
					int target = this.successors[node][this.next[node]++];
					if (!this.visited.get(target)) {
						this.visited.set(target);
						this.stack[size++] = target;
					}
				}
				else {
					size--;
					this.postorder[node] = this.position;
					this.order[this.position++] = node;
				}
			}
		}

	}

	private static long[] numbers(JsonParser parser) {
		expect(parser.currentToken(), JsonToken.START_ARRAY);
		long[] values = new long[1024];
		int size = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = parser.getLongValue();
		}
		return Arrays.copyOf(values, size);
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("Expected " + expected + " but found " + actual);
		}
	}

	private static List<String> texts(JsonNode array) {
		List<String> result = new ArrayList<>();
		array.forEach((element) -> result.add(element.asString()));
		return result;
	}

	/**
	 * An edge of the snapshot.
	 *
	 * @param from the source node ordinal
	 * @param type the edge type
	 * @param name the edge name, or the index of an {@code element} or {@code hidden} edge
	 * @param to the target node ordinal
	 */
	public record Edge(int from, String type, String name, int to) {
	}

}
