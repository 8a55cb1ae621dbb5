package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.hprof.HeapDumpScanner;
import io.github.v8heapsnapshot.hprof.HeapDumpVisitor;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.hprof.HprofInput;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.v8.SnapshotFormat;

/**
 * The second pass, one worker per range of heap dump segments: resolves every reference to
 * a raw ordinal and writes node records (kind and name reference, size, edge count, extra)
 * and edge records (type, name or index, target) in node order, counts references per node
 * in its own flags array, and keeps the first bytes of every byte and char array (in
 * ordinal order, with an index of their ordinals) so String values can be named later.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class LinkPass implements HeapDumpVisitor, Closeable {

	static final int KIND_CLASS = 0;

	static final int KIND_INSTANCE = 1;

	static final int KIND_STRING = 2;

	static final int KIND_OBJECT_ARRAY = 3;

	static final int KIND_PRIMITIVE_ARRAY = 4;

	private static final int BUFFER_SIZE = 1 << 20;

	private static final int CLASS_CACHE_SIZE = 256;

	/** How many of the last objects are checked before the index: most references are local. */
	private static final int RECENT = 16;

	private final LinkContext context;

	private final int worker;

	final MappedBuffer flags;

	private final BinaryOutput textOutput;

	private final BinaryOutput textOrdinalOutput;

	private final BinaryOutput textOffsetOutput;

	/** The kept array prefixes, mapped once linking is done. */
	@Nullable MappedBuffer text;

	/** The ordinals of the arrays whose prefixes were kept, mapped once linking is done. */
	@Nullable MappedBuffer textOrdinals;

	/** Where each kept prefix starts, mapped once linking is done. */
	@Nullable MappedBuffer textOffsets;

	long textCount;

	long firstOrdinal;

	long stringCount;

	private final long[] recentIds = new long[RECENT];

	private long rangeStart;

	private final long[] cachedClassIds = new long[CLASS_CACHE_SIZE];

	private final ClassModel[] cachedClasses = new ClassModel[CLASS_CACHE_SIZE];

	final BinaryOutput nodes;

	final BinaryOutput edges;

	final BinaryOutput entries;

	/** With secrets to mask: per String, its ordinal, value array and coder. */
	final BinaryOutput strings;

	/** The targets of the strong edges, in node order. */
	final BinaryOutput targets;

	/** Per node, the number of strong edges up to and including its own. */
	final BinaryOutput strongEnds;

	long strongCount;

	private final int valueName;

	private final int className;

	private final int referenceSize;

	private final byte[] scratch;

	private long textSize;

	private long ordinal;

	long edgeCount;

	final AtomicLong bytesDone = new AtomicLong();

	LinkPass(LinkContext context, int worker, int valueName, int className) throws IOException {
		this.context = context;
		this.worker = worker;
		this.valueName = valueName;
		this.className = className;
		this.referenceSize = context.layout.referenceSize();
		this.scratch = new byte[context.textBytes + 5];
		Path directory = context.directory;
		MappedBuffer flagBuffer = MappedBuffer.create(directory, "flags", Math.max(1, context.nodeCount));
		BinaryOutput textBuffer = null;
		BinaryOutput ordinalBuffer = null;
		BinaryOutput offsetBuffer = null;
		BinaryOutput nodeOutput = null;
		BinaryOutput edgeOutput = null;
		BinaryOutput entryOutput = null;
		BinaryOutput stringOutput = null;
		BinaryOutput targetOutput = null;
		BinaryOutput endOutput = null;
		try {
			textBuffer = new BinaryOutput(directory.resolve("text-" + worker), BUFFER_SIZE);
			ordinalBuffer = new BinaryOutput(directory.resolve("text-ordinals-" + worker), 1 << 18);
			offsetBuffer = new BinaryOutput(directory.resolve("text-offsets-" + worker), 1 << 18);
			nodeOutput = new BinaryOutput(directory.resolve("nodes-" + worker), BUFFER_SIZE);
			edgeOutput = new BinaryOutput(directory.resolve("edges-" + worker), BUFFER_SIZE);
			entryOutput = new BinaryOutput(directory.resolve("entries-" + worker), 1 << 16);
			stringOutput = new BinaryOutput(directory.resolve("strings-" + worker), 1 << 16);
			targetOutput = new BinaryOutput(directory.resolve("targets-" + worker), BUFFER_SIZE);
			endOutput = new BinaryOutput(directory.resolve("strong-ends-" + worker), BUFFER_SIZE);
		}
		catch (IOException | RuntimeException ex) {
			closeAll(flagBuffer, textBuffer, ordinalBuffer, offsetBuffer, nodeOutput, edgeOutput, entryOutput, stringOutput,
					targetOutput, endOutput);
			throw ex;
		}
		this.flags = flagBuffer;
		this.textOutput = textBuffer;
		this.textOrdinalOutput = ordinalBuffer;
		this.textOffsetOutput = offsetBuffer;
		this.nodes = nodeOutput;
		this.edges = edgeOutput;
		this.entries = entryOutput;
		this.strings = stringOutput;
		this.targets = targetOutput;
		this.strongEnds = endOutput;
	}

	private static void closeAll(@Nullable Closeable... closeables) throws IOException {
		for (Closeable closeable : closeables) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	/**
	 * Links the classes: their statics, superclass, loader, signers and protection domain.
	 */
	void linkClasses() throws IOException {
		ClassTable classes = this.context.classes;
		for (int i = 0; i < classes.size(); i++) {
			ClassModel model = classes.get(i);
			int count = 0;
			for (int f = 0; f < model.staticValues.length; f++) {
				long target = this.context.resolve(model.staticValues[f]);
				if (target >= 0) {
					this.edges.putInts(model.staticEdgeTypes[f], model.staticNames[f], (int) target);
					strong(target);
					if (model.staticSensitive[f]) {
						mark(target, NodeFlags.SENSITIVE);
					}
					count++;
				}
			}
			this.edgeCount += count;
			node(KIND_CLASS << 28 | i, size(model.mirrorSize), count, 0);
		}
	}

	/**
	 * Links the objects of a range of segments.
	 * @param firstSegment the first segment
	 * @param endSegment the segment after the last
	 * @param checkpoint called between segments, throws to stop
	 */
	void linkObjects(int firstSegment, int endSegment, Checkpoint checkpoint)
			throws IOException {
		HeapModel heap = this.context.heap;
		if (firstSegment >= endSegment) {
			return;
		}
		this.ordinal = this.context.classCount + heap.segmentFirstObject(firstSegment);
		this.rangeStart = this.ordinal;
		if (this.worker > 0) {
			this.firstOrdinal = this.ordinal;
		}
		HprofInput in = new HprofInput(heap.channel, heap.fileSize, 4 << 20, heap.idSize);
		for (int segment = firstSegment; segment < endSegment; segment++) {
			checkpoint.check();
			long start = heap.segmentStart(segment);
			long end = heap.segmentEnd(segment);
			in.seek(start);
			HeapDumpScanner.scan(in, end, this);
			this.bytesDone.addAndGet(end - start);
		}
	}

	@Override
	public void instance(long id, long classId, int length, HprofInput in, long offset) throws IOException {
		int slot = (int) (classId >>> 3) & (CLASS_CACHE_SIZE - 1);
		ClassModel model = this.cachedClasses[slot];
		if (model == null || this.cachedClassIds[slot] != classId) {
			model = this.context.classes.byId(classId);
			if (model == null) {
				throw new HprofFormatException("Unknown class id 0x" + Long.toHexString(classId)
						+ " in INSTANCE_DUMP at offset " + offset, offset);
			}
			this.cachedClassIds[slot] = classId;
			this.cachedClasses[slot] = model;
		}
		if (length < model.payloadSize) {
			throw new HprofFormatException("INSTANCE_DUMP at offset " + offset + " has " + length
					+ " bytes of fields but class " + model.name + " needs " + model.payloadSize, offset);
		}
		this.ordinal++;
		remember(id);
		int base = in.buffer().position();
		if (model.string) {
			long target = resolve(in.idAt(base + model.stringValueOffset));
			int coder = (model.stringCoderOffset >= 0) ? in.buffer().get(base + model.stringCoderOffset) & 1 : 0;
			int count = 0;
			if (target >= 0) {
				this.edges.putInts(SnapshotFormat.EDGE_INTERNAL, this.valueName, (int) target);
				strong(target);
				mark(target, NodeFlags.STRING_VALUE);
				count = 1;
			}
			this.stringCount++;
			if (this.context.secrets) {
				this.strings.putInts((int) (this.ordinal - 1), (int) target, coder);
			}
			this.edgeCount += count;
			node(KIND_STRING << 28 | coder, size(model.instanceSize), count, (int) target);
			return;
		}
		int count = 0;
		int[] offsets = model.refOffsets;
		for (int i = 0; i < offsets.length; i++) {
			long id2 = in.idAt(base + offsets[i]);
			if (id2 == 0) {
				continue;
			}
			long target = resolve(id2);
			if (target < 0) {
				continue;
			}
			int type = model.refEdgeTypes[i];
			this.edges.putInts(type, model.refNames[i], (int) target);
			if (type == SnapshotFormat.EDGE_WEAK) {
				mark(target, NodeFlags.WEAK);
			}
			else {
				strong(target);
			}
			if (model.refSensitive[i]) {
				mark(target, NodeFlags.SENSITIVE);
			}
			count++;
		}
		if (this.context.secrets && model.mapKeyOffset >= 0 && model.mapValueOffset >= 0) {
			long key = resolve(in.idAt(base + model.mapKeyOffset));
			long value = resolve(in.idAt(base + model.mapValueOffset));
			if (key >= 0 && value >= 0) {
				this.entries.putInts((int) key, (int) value, 0);
			}
		}
		this.edges.putInts(SnapshotFormat.EDGE_INTERNAL, this.className, model.index);
		strong(model.index);
		count++;
		if (model.threadNameOffset >= 0) {
			count += linkThread(id, in.idAt(base + model.threadNameOffset));
		}
		this.edgeCount += count;
		node(KIND_INSTANCE << 28 | model.index, size(model.instanceSize), count, 0);
	}

	private int linkThread(long id, long nameId) throws IOException {
		int thread = this.context.threadsByObject.get(id, -1);
		if (thread < 0) {
			return 0;
		}
		this.context.threadNameStrings[thread] = this.context.resolve(nameId);
		int[] names = this.context.localNames[thread];
		long[] targets = this.context.localTargets[thread];
		int count = 0;
		for (int i = 0; i < names.length; i++) {
			long target = this.context.resolve(targets[i]);
			if (target >= 0) {
				this.edges.putInts(SnapshotFormat.EDGE_INTERNAL, names[i], (int) target);
				strong(target);
				count++;
			}
		}
		return count;
	}

	@Override
	public void objectArray(long id, long classId, int length, HprofInput in, long offset) throws IOException {
		ClassModel model = this.context.classes.byId(classId);
		if (model == null) {
			throw new HprofFormatException("Unknown class id 0x" + Long.toHexString(classId)
					+ " in OBJ_ARRAY_DUMP at offset " + offset, offset);
		}
		this.ordinal++;
		remember(id);
		int idSize = in.idSize();
		int chunk = in.buffer().capacity() / idSize / 2;
		int count = 0;
		int index = 0;
		while (index < length) {
			int n = Math.min(chunk, length - index);
			ByteBuffer buffer = in.require((long) n * idSize, "OBJ_ARRAY_DUMP", offset);
			int base = buffer.position();
			for (int i = 0; i < n; i++) {
				long element = in.idAt(base + i * idSize);
				if (element != 0) {
					long target = resolve(element);
					if (target >= 0) {
						this.edges.putInts(SnapshotFormat.EDGE_ELEMENT, index + i, (int) target);
						strong(target);
						count++;
					}
				}
			}
			buffer.position(base + n * idSize);
			index += n;
		}
		this.edgeCount += count;
		node(KIND_OBJECT_ARRAY << 28 | model.index,
				size(this.context.layout.arraySize(length, this.referenceSize)), count, 0);
	}

	@Override
	public void primitiveArray(long id, int type, int length, HprofInput in, long offset) throws IOException {
		long self = this.ordinal++;
		remember(id);
		int elementSize = BasicType.primitiveSize(type);
		if (type == BasicType.BYTE || type == BasicType.CHAR) {
			int kept = (int) Math.min((long) length * elementSize, this.context.textBytes);
			ByteBuffer buffer = in.require(kept, "PRIM_ARRAY_DUMP", offset);
			long at = this.textSize;
			byte[] bytes = this.scratch;
			bytes[0] = (byte) (length >>> 24);
			bytes[1] = (byte) (length >>> 16);
			bytes[2] = (byte) (length >>> 8);
			bytes[3] = (byte) length;
			bytes[4] = (byte) type;
			buffer.get(buffer.position(), bytes, 5, kept);
			this.textOutput.putBytes(bytes, 0, kept + 5);
			this.textSize = at + kept + 5;
			this.textCount++;
			this.textOrdinalOutput.putInt((int) self);
			this.textOffsetOutput.putLong(at);
			mark(self, NodeFlags.TEXT_ARRAY);
		}
		node(KIND_PRIMITIVE_ARRAY << 28 | type,
				size(this.context.layout.arraySize(length, elementSize)), 0, 0);
	}

	/**
	 * Resolves an id, looking at the last objects of this worker first.
	 */
	private long resolve(long id) {
		if (id == 0) {
			return -1;
		}
		long current = this.ordinal - 1;
		long stop = Math.max(this.rangeStart, current - (RECENT - 1));
		for (long recent = current; recent >= stop; recent--) {
			if (this.recentIds[(int) recent & (RECENT - 1)] == id) {
				return recent;
			}
		}
		return this.context.resolve(id);
	}

	private void remember(long id) {
		this.recentIds[(int) (this.ordinal - 1) & (RECENT - 1)] = id;
	}

	private void strong(long target) throws IOException {
		this.flags.putByte(target, NodeFlags.addStrong(this.flags.getByte(target)));
		this.targets.putInt((int) target);
		this.strongCount++;
	}

	private void node(int head, int size, int edges, int aux) throws IOException {
		this.nodes.putInts(head, size, edges, aux);
		this.strongEnds.putInt((int) this.strongCount);
	}

	private void mark(long target, int bit) {
		this.flags.putByte(target, (byte) (this.flags.getByte(target) | bit));
	}

	/**
	 * Called between segments; throws to stop the worker.
	 */
	@FunctionalInterface
	interface Checkpoint {

		void check() throws IOException;

	}

	private static int size(long size) {
		return (int) Math.min(size, SnapshotFormat.MAX_SIZE);
	}

	/**
	 * Reads back the node record of a node this worker linked.
	 * @param node the raw ordinal
	 * @return the four ints of the record
	 */
	int[] nodeRecord(long node) throws IOException {
		ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
		try (FileChannel channel = FileChannel.open(this.nodes.file(), StandardOpenOption.READ)) {
			long at = (node - this.firstOrdinal) * 16;
			while (record.hasRemaining() && channel.read(record, at + record.position()) >= 0) {
				// read until full or at the end
			}
		}
		record.flip();
		return (record.remaining() == 16)
				? new int[] { record.getInt(), record.getInt(), record.getInt(), record.getInt() } : new int[] { 0, 0, 0, -1 };
	}

	/**
	 * Flushes the record files and maps the kept prefixes; the flags stay open for the write
	 * pass.
	 */
	void finishOutputs() throws IOException {
		closeAll(this.nodes, this.edges, this.entries, this.strings, this.targets, this.strongEnds, this.textOutput,
				this.textOrdinalOutput, this.textOffsetOutput);
		if (this.text == null) {
			this.text = MappedBuffer.openReadOnly(this.textOutput.file());
			this.textOrdinals = MappedBuffer.openReadOnly(this.textOrdinalOutput.file());
			this.textOffsets = MappedBuffer.openReadOnly(this.textOffsetOutput.file());
		}
	}

	/**
	 * Deletes the kept prefixes once every String is named.
	 */
	void releaseText() throws IOException {
		closeAll(this.text, this.textOrdinals, this.textOffsets);
	}

	@Override
	public void close() throws IOException {
		try {
			closeAll(this.nodes, this.edges, this.entries, this.strings, this.targets, this.strongEnds, this.textOutput,
					this.textOrdinalOutput, this.textOffsetOutput);
		}
		finally {
			closeAll(this.flags, this.text, this.textOrdinals, this.textOffsets);
		}
	}

}
