package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.LongStream;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.ids.ObjectGraph;
import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.index.ObjectIdIndex;
import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * The linked dump as {@link io.github.v8heapsnapshot.ids.ObjectIds} reads it: nodes by raw
 * ordinal, read back from the link workers' record files, and the addresses from the object
 * index. Names are keyed by their text, so that the keys of two dumps compare.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class LinkedDumpGraph implements ObjectGraph {

	private static final int BUFFER_SIZE = 1 << 20;

	private static final int SMALL_NAMES = 1 << 16;

	private final LinkContext context;

	private final LinkPass[] workers;

	private final StringTable strings;

	private final int[] classNames;

	/** The keys of the names with small indices, the field names among them: 0 until known. */
	private final int[] smallNameKeys = new int[SMALL_NAMES];

	private final LongIntMap nameKeys = new LongIntMap();

	LinkedDumpGraph(LinkContext context, LinkPass[] workers, StringTable strings) throws IOException {
		this.context = context;
		this.workers = workers;
		this.strings = strings;
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
			for (LinkPass worker : this.workers) {
				try (BinaryInput in = new BinaryInput(worker.nodes.file(), BUFFER_SIZE)) {
					ByteBuffer buffer = in.buffer();
					while (in.ensure(4)) {
						int head = buffer.getInt();
						int size = buffer.getInt();
						buffer.getInt();
						int aux = buffer.getInt();
						int kind = head >>> 28;
						int ref = head & 0x0FFFFFFF;
						if (kind != LinkPass.KIND_CLASS) {
							boolean named = kind == LinkPass.KIND_INSTANCE || kind == LinkPass.KIND_OBJECT_ARRAY;
							int type = ObjectGraph.key(kind, named ? this.classNames[ref] : ref);
							int content = switch (kind) {
								case LinkPass.KIND_STRING -> (aux >= 0) ? texts.getInt(aux * 4L) : 0;
								case LinkPass.KIND_PRIMITIVE_ARRAY -> texts.getInt(ordinal * 4);
								default -> 0;
							};
							visitor.node(ordinal, ObjectGraph.key(type, size), 0, content);
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
			visitor.node(i, ObjectGraph.key(LinkPass.KIND_CLASS, this.classNames[i]), anchor, 0);
		}
	}

	/**
	 * Keys the kept prefix and the length of every {@code byte[]} and {@code char[]}, by
	 * raw ordinal, reading the link workers' text files in order.
	 */
	private MappedBuffer textKeys() throws IOException {
		MappedBuffer keys = MappedBuffer.create(this.context.directory, "text-keys",
				Math.max(1, this.context.nodeCount) * 4);
		try {
			byte[] bytes = new byte[this.context.textBytes + 5];
			for (LinkPass worker : this.workers) {
				MappedBuffer text = Objects.requireNonNull(worker.text, "text");
				MappedBuffer textOrdinals = Objects.requireNonNull(worker.textOrdinals, "textOrdinals");
				long at = 0;
				for (long i = 0; i < worker.textCount; i++) {
					text.get(at, bytes, 0, 5);
					int length = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
							| (bytes[3] & 0xFF);
					int kept = (int) Math.min((long) length * BasicType.primitiveSize(bytes[4]), this.context.textBytes);
					text.get(at + 5, bytes, 5, kept);
					long ordinal = Integer.toUnsignedLong(textOrdinals.getInt(i * 4));
					keys.putInt(ordinal * 4, ObjectGraph.key(length, StringTable.hash(bytes, 4, kept + 1)));
					at += 5 + kept;
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
		for (LinkPass worker : this.workers) {
			try (BinaryInput nodes = new BinaryInput(worker.nodes.file(), BUFFER_SIZE);
					BinaryInput edges = new BinaryInput(worker.edges.file(), BUFFER_SIZE)) {
				ByteBuffer nodeBuffer = nodes.buffer();
				ByteBuffer edgeBuffer = edges.buffer();
				while (nodes.ensure(4)) {
					nodeBuffer.position(nodeBuffer.position() + 8);
					int count = nodeBuffer.getInt();
					nodeBuffer.getInt();
					for (int e = 0; e < count && edges.ensure(3); e++) {
						int type = edgeBuffer.getInt();
						int name = edgeBuffer.getInt();
						long target = Integer.toUnsignedLong(edgeBuffer.getInt());
						if (target >= classCount) {
							visitor.edge(source, nameKey(type, name), target);
						}
					}
					source++;
				}
			}
		}
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
