package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.LongStream;

import io.github.v8heapsnapshot.ids.ObjectGraph;
import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.index.ObjectIdIndex;
import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * The linked dump as {@link io.github.v8heapsnapshot.ids.ObjectIds} reads it: nodes by raw
 * ordinal, read back from the {@link LinkedGraph}'s records, and the addresses from the object
 * index. Names are keyed by their text, so that the keys of two dumps compare.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class LinkedDumpGraph implements ObjectGraph {

	private static final int SMALL_NAMES = 1 << 16;

	private final LinkContext context;

	private final LinkedGraph graph;

	private final StringTable strings;

	private final int[] classNames;

	/** The keys of the names with small indices, the field names among them: 0 until known. */
	private final int[] smallNameKeys = new int[SMALL_NAMES];

	private final LongIntMap nameKeys = new LongIntMap();

	private final MappedBuffer fromRoots;

	/**
	 * Reads a linked dump.
	 * @param context what the link workers shared, the object index still open
	 * @param graph the linked graph
	 * @param strings the strings table
	 * @param fromRoots the bits of the nodes that a root reaches (see
	 * {@link Reachability#flagUnreached})
	 */
	LinkedDumpGraph(LinkContext context, LinkedGraph graph, StringTable strings, MappedBuffer fromRoots)
			throws IOException {
		this.context = context;
		this.graph = graph;
		this.strings = strings;
		this.fromRoots = fromRoots;
		this.classNames = new int[context.classCount];
		for (int i = 0; i < context.classCount; i++) {
			this.classNames[i] = (int) strings.hashOf(context.classes.get(i).nameIndex);
		}
	}

	@Override
	public long nodeCount() {
		return this.context.nodeCount;
	}

	@Override
	public void nodes(NodeVisitor visitor) throws IOException {
		ClassTable classes = this.context.classes;
		// The loaders' class names anchor the classes they loaded: find them on the way
		long[] loaders = new long[this.context.classCount];
		for (int i = 0; i < loaders.length; i++) {
			loaders[i] = this.context.resolve(classes.get(i).dump.loaderId());
		}
		long[] loaderOrdinals = LongStream.of(loaders).filter((loader) -> loader >= 0).distinct().sorted().toArray();
		int[] loaderTypes = new int[loaderOrdinals.length];
		int nextLoader = 0;
		try (MappedBuffer texts = textKeys()) {
			long ordinal = 0;
			for (LinkedRange range : this.graph.ranges()) {
				try (NodeRecords.Cursor node = range.nodes().cursor()) {
					while (node.next()) {
						int kind = node.kind();
						if (kind != NodeHead.CLASS) {
							boolean named = kind == NodeHead.INSTANCE || kind == NodeHead.OBJECT_ARRAY;
							int type = ObjectGraph.key(kind, named ? this.classNames[node.ref()] : node.ref());
							int content = switch (kind) {
								case NodeHead.STRING ->
									(node.valueArray() >= 0) ? texts.getInt(node.valueArray() * 4L) : 0;
								case NodeHead.PRIMITIVE_ARRAY -> texts.getInt(ordinal * 4);
								default -> 0;
							};
							visitor.node(ordinal, ObjectGraph.key(type, (int) node.size()), 0, content);
							if (nextLoader < loaderOrdinals.length && loaderOrdinals[nextLoader] == ordinal) {
								loaderTypes[nextLoader++] = type;
							}
						}
						ordinal++;
					}
				}
			}
		}
		for (int i = 0; i < this.context.classCount; i++) {
			int loader = (loaders[i] >= 0) ? Arrays.binarySearch(loaderOrdinals, loaders[i]) : -1;
			int anchor = ObjectGraph.key(this.classNames[i], (loader >= 0) ? loaderTypes[loader] : 0);
			visitor.node(i, ObjectGraph.key(NodeHead.CLASS, this.classNames[i]), anchor, anchor);
		}
	}

	/**
	 * Keys the kept prefix and the length of every {@code byte[]} and {@code char[]}, by
	 * raw ordinal.
	 */
	private MappedBuffer textKeys() throws IOException {
		MappedBuffer keys = MappedBuffer.create(this.context.directory, "text-keys",
				Math.max(1, this.context.nodeCount) * 4);
		try {
			// The element type, then the prefix: what is hashed
			byte[] bytes = new byte[1 + this.context.textBytes];
			for (LinkedRange range : this.graph.ranges()) {
				TextRecords.Reader text = range.text().reader();
				for (long i = 0; i < text.count(); i++) {
					int length = text.arrayLength(i);
					int type = text.arrayType(i);
					int kept = text.kept(type, length);
					bytes[0] = (byte) type;
					text.prefix(i, bytes, 1, kept);
					keys.putInt(text.ordinal(i) * 4, ObjectGraph.key(length, StringTable.hash(bytes, 0, kept + 1)));
				}
			}
			return keys;
		}
		catch (RuntimeException ex) {
			keys.close();
			throw ex;
		}
	}

	@Override
	public void addresses(AddressVisitor visitor) throws IOException {
		ClassTable classes = this.context.classes;
		long[] classIds = new long[this.context.classCount];
		for (int i = 0; i < classIds.length; i++) {
			classIds[i] = classes.get(i).dump.classId();
		}
		Arrays.sort(classIds);
		ObjectIdIndex objects = this.context.objects;
		long count = objects.count();
		int nextClass = 0;
		for (long position = 0; position < count; position++) {
			long address = objects.sortedId(position);
			while (nextClass < classIds.length && classIds[nextClass] < address) {
				visitor.address(classIds[nextClass], classes.indexOf(classIds[nextClass]));
				nextClass++;
			}
			visitor.address(address, this.context.classCount + objects.sortedOrdinal(position));
		}
		for (; nextClass < classIds.length; nextClass++) {
			visitor.address(classIds[nextClass], classes.indexOf(classIds[nextClass]));
		}
	}

	@Override
	public void edges(EdgeVisitor visitor) throws IOException {
		long source = 0;
		int classCount = this.context.classCount;
		for (LinkedRange range : this.graph.ranges()) {
			try (NodeRecords.Cursor node = range.nodes().cursor(); EdgeRecords.Cursor edge = range.edges().cursor()) {
				while (node.next()) {
					for (int e = 0; e < node.edgeCount() && edge.next(); e++) {
						if (edge.target() >= classCount || edge.type() != SnapshotFormat.EDGE_INTERNAL) {
							visitor.edge(source, nameKey(edge.type(), edge.name()), edge.target());
						}
					}
					source++;
				}
			}
		}
	}

	@Override
	public boolean isClass(long ordinal) {
		return ordinal < this.context.classCount;
	}

	@Override
	public boolean rooted(long ordinal) {
		return isClass(ordinal) || Reachability.isSet(this.fromRoots, ordinal);
	}

	private int nameKey(int type, int name) throws IOException {
		if (type == SnapshotFormat.EDGE_ELEMENT) {
			return ObjectGraph.key(type, name);
		}
		int text = (name >= 0 && name < SMALL_NAMES) ? this.smallNameKeys[name] : this.nameKeys.get(name + 1L, 0);
		if (text == 0) {
			text = ObjectGraph.key(0, this.strings.hashOf(name));
			if (name >= 0 && name < SMALL_NAMES) {
				this.smallNameKeys[name] = text;
			}
			else {
				// Keyed by index + 1: the map takes no 0
				this.nameKeys.put(name + 1L, text);
			}
		}
		return ObjectGraph.key(type, text);
	}

}
