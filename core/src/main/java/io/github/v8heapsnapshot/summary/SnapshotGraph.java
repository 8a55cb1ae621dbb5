package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cancel.CancelledException;

/**
 * The nodes and edges of a snapshot in scratch arrays, by node ordinal and edge ordinal,
 * with the strings left in the file and read on demand. Also decides, as DevTools'
 * {@code computeIsEssentialEdge} does, which edges count for dominators.
 *
 * @author v8heapsnapshot developers
 */
final class SnapshotGraph {

	/**
	 * The shortest name of the WeakMap half of an ephemeron pair that V8 writes.
	 */
	static final int SHORTEST_WEAK_MAP_NAME = 60;

	private static final Pattern WEAK_MAP_EDGE = Pattern.compile(
			"^\\d+ / part of key \\(.*? @\\d+\\) -> value \\(.*? @\\d+\\) pair in WeakMap \\(table @(\\d+)\\)$");

	private final SnapshotHeader header;

	private final FileChannel channel;

	private final int nodeCount;

	private final int edgeCount;

	private final ScratchSpace.Bytes nodeTypes;

	private final ScratchSpace.Ints nodeNames;

	private final ScratchSpace.Ints nodeIds;

	private final ScratchSpace.Ints nodeSizes;

	private final ScratchSpace.Ints firstEdges;

	private final ScratchSpace.Bytes edgeTypes;

	private final ScratchSpace.Ints edgeNames;

	private final ScratchSpace.Ints edgeTargets;

	private final ScratchSpace.Longs stringOffsets;

	private int stringCount;

	private int[] weakMapCandidates = new int[16];

	private int weakMapCandidateCount;

	private final Map<Integer, Long> weakMapTables = new HashMap<>();

	private final int weak;

	private final int shortcut;

	private final int internal;

	private final int element;

	private final int hidden;

	private long @Nullable [] pageOwned;

	private final Cancellation cancellation;

	SnapshotGraph(SnapshotHeader header, FileChannel channel, ScratchSpace scratch, Cancellation cancellation)
			throws IOException {
		this.header = header;
		this.cancellation = cancellation;
		this.channel = channel;
		this.nodeCount = (int) header.nodeCount();
		this.edgeCount = (int) header.edgeCount();
		this.nodeTypes = scratch.bytes("node-types", this.nodeCount);
		this.nodeNames = scratch.ints("node-names", this.nodeCount);
		this.nodeIds = scratch.ints("node-ids", this.nodeCount);
		this.nodeSizes = scratch.ints("node-sizes", this.nodeCount);
		this.firstEdges = scratch.ints("first-edges", this.nodeCount + 1L);
		this.edgeTypes = scratch.bytes("edge-types", this.edgeCount);
		this.edgeNames = scratch.ints("edge-names", this.edgeCount);
		this.edgeTargets = scratch.ints("edge-targets", this.edgeCount);
		this.stringOffsets = scratch.longs("string-offsets", 1 << 16);
		this.weak = header.edgeType("weak");
		this.shortcut = header.edgeType("shortcut");
		this.internal = header.edgeType("internal");
		this.element = header.edgeType("element");
		this.hidden = header.edgeType("hidden");
	}

	/**
	 * Throws if the summary should stop, looking only every 65,536th step of a loop.
	 * @param counter the loop's counter
	 * @throws CancelledException if the summary was cancelled or its thread interrupted
	 */
	void checkCancelled(long counter) throws CancelledException {
		if ((counter & 0xFFFF) == 0) {
			this.cancellation.check();
		}
	}

	/**
	 * Returns the bytes of scratch space a graph of the given size needs, for this class
	 * and the passes that run over it.
	 * @param nodes the number of nodes
	 * @param edges the number of edges
	 * @return an estimate in bytes
	 */
	static long scratchBytes(long nodes, long edges) {
		return nodes * 64 + edges * 13;
	}

	SnapshotHeader header() {
		return this.header;
	}

	int nodeCount() {
		return this.nodeCount;
	}

	int edgeCount() {
		return this.edgeCount;
	}

	int root() {
		return this.header.rootIndex();
	}

	void setNode(int node, long type, long name, long id, long size, long firstEdge) throws SnapshotFormatException {
		if (type >= this.header.nodeTypes().size()) {
			throw new SnapshotFormatException("Node " + node + " has the unknown type " + type);
		}
		this.nodeTypes.set(node, (byte) type);
		this.nodeNames.set(node, (int) name);
		this.nodeIds.set(node, (int) id);
		this.nodeSizes.set(node, (int) size);
		this.firstEdges.set(node, (int) firstEdge);
	}

	void setNodeEnd(long edges) {
		this.firstEdges.set(this.nodeCount, (int) edges);
	}

	void setEdge(int edge, long type, long name, long toNode) throws SnapshotFormatException {
		int fields = this.header.nodeFieldCount();
		if (toNode % fields != 0 || toNode / fields >= this.nodeCount) {
			throw new SnapshotFormatException("Edge " + edge + " has the invalid to_node " + toNode);
		}
		if (type >= this.header.edgeTypes().size()) {
			throw new SnapshotFormatException("Edge " + edge + " has the unknown type " + type);
		}
		this.edgeTypes.set(edge, (byte) type);
		this.edgeNames.set(edge, (int) name);
		this.edgeTargets.set(edge, (int) (toNode / fields));
	}

	void setString(int index, long offset) throws IOException {
		this.stringOffsets.ensureLength(index + 1L);
		this.stringOffsets.set(index, offset);
	}

	void setStringCount(int count) {
		this.stringCount = count;
	}

	int stringCount() {
		return this.stringCount;
	}

	void addWeakMapCandidate(int index) {
		if (this.weakMapCandidateCount == this.weakMapCandidates.length) {
			this.weakMapCandidates = Arrays.copyOf(this.weakMapCandidates, this.weakMapCandidateCount * 2);
		}
		this.weakMapCandidates[this.weakMapCandidateCount++] = index;
	}

	/**
	 * Finishes the graph once the file is read, as DevTools does: finds the edge names that
	 * mark the WeakMap half of ephemeron pairs and the nodes that V8 snapshots mark as
	 * page-owned, and folds the self sizes of V8's internal arrays into their owners.
	 * @param scratch where to keep the walk's stack
	 * @throws IOException if the file cannot be read
	 */
	void prepare(ScratchSpace scratch) throws IOException {
		for (int i = 0; i < this.weakMapCandidateCount; i++) {
			Matcher matcher = WEAK_MAP_EDGE.matcher(string(this.weakMapCandidates[i]));
			if (matcher.matches()) {
				this.weakMapTables.put(this.weakMapCandidates[i], Long.parseLong(matcher.group(1)));
			}
		}
		this.weakMapCandidates = new int[0];
		this.pageOwned = new PageOwnedNodes(this).mark(scratch);
		new ShallowSizeFolding(this).fold(scratch);
	}

	int type(int node) {
		return this.nodeTypes.get(node);
	}

	int name(int node) {
		return this.nodeNames.get(node);
	}

	long id(int node) {
		return Integer.toUnsignedLong(this.nodeIds.get(node));
	}

	long size(int node) {
		return Integer.toUnsignedLong(this.nodeSizes.get(node));
	}

	void setSize(int node, long size) {
		this.nodeSizes.set(node, (int) size);
	}

	int firstEdge(int node) {
		return this.firstEdges.get(node);
	}

	int target(int edge) {
		return this.edgeTargets.get(edge);
	}

	boolean isWeak(int edge) {
		return this.edgeTypes.get(edge) == this.weak;
	}

	boolean isShortcut(int edge) {
		return this.edgeTypes.get(edge) == this.shortcut;
	}

	boolean isElement(int edge) {
		return this.edgeTypes.get(edge) == this.element;
	}

	/**
	 * Returns the node an edge comes from.
	 * @param edge the edge ordinal
	 * @return the source node's ordinal
	 */
	int source(int edge) {
		int low = 0;
		int high = this.nodeCount - 1;
		while (low < high) {
			int middle = (low + high + 1) >>> 1;
			if (firstEdge(middle) <= edge) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		while (firstEdge(low + 1) <= edge) {
			low++;
		}
		return low;
	}

	/**
	 * Returns whether an edge counts for dominators, as DevTools decides: not weak, not to
	 * itself, not a shortcut unless from the root, not the WeakMap half of an ephemeron pair,
	 * and not from a node outside the page into a page-owned one.
	 * @param source the edge's source node
	 * @param edge the edge ordinal
	 * @return whether the edge is essential
	 */
	boolean isEssential(int source, int edge) {
		int type = this.edgeTypes.get(edge);
		if (type == this.weak) {
			return false;
		}
		if (type == this.internal && !this.weakMapTables.isEmpty()) {
			Long table = this.weakMapTables.get(this.edgeNames.get(edge));
			if (table != null && table == id(source)) {
				return false;
			}
		}
		int target = this.edgeTargets.get(edge);
		if (target == source) {
			return false;
		}
		if (source != root()) {
			if (type == this.shortcut) {
				return false;
			}
			long[] owned = this.pageOwned;
			if (owned != null && isSet(owned, target) && !isSet(owned, source)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSet(long[] bits, int index) {
		return (bits[index >>> 6] & (1L << index)) != 0;
	}

	/**
	 * Returns an edge's name as DevTools shows it in a retainer path: {@code [i]} for
	 * elements and hidden edges, the name for the others.
	 * @param edge the edge ordinal
	 * @return the name
	 * @throws IOException if the file cannot be read
	 */
	String edgeName(int edge) throws IOException {
		int type = this.edgeTypes.get(edge);
		int name = this.edgeNames.get(edge);
		if (type == this.element || type == this.hidden) {
			return "[" + Integer.toUnsignedString(name) + "]";
		}
		return string(name);
	}

	/**
	 * Reads a string of the {@code strings} table from the file.
	 * @param index the string's index
	 * @return the string
	 * @throws IOException if the file cannot be read or has no such string
	 */
	String string(int index) throws IOException {
		if (index < 0 || index >= this.stringCount) {
			throw new SnapshotFormatException("The snapshot refers to string " + Integer.toUnsignedString(index)
					+ " of " + this.stringCount);
		}
		long position = this.stringOffsets.get(index) + 1;
		ByteBuffer chunk = ByteBuffer.allocate(4096);
		byte[] raw = new byte[256];
		int length = 0;
		boolean escaped = false;
		while (true) {
			chunk.clear();
			int read = this.channel.read(chunk, position);
			if (read <= 0) {
				throw new SnapshotFormatException("The snapshot ends inside string " + index);
			}
			for (int i = 0; i < read; i++) {
				byte b = chunk.get(i);
				if (b == '"' && !escaped) {
					return JsonText.decode(raw, length);
				}
				escaped = !escaped && b == '\\';
				if (length == raw.length) {
					raw = Arrays.copyOf(raw, length * 2);
				}
				raw[length++] = b;
			}
			position += read;
		}
	}

}
