package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.hprof.HeapDumpScanner;
import io.github.v8heapsnapshot.hprof.HeapDumpVisitor;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.hprof.HprofInput;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.v8.SnapshotFormat;

/**
 * The second pass, one worker per range of heap dump segments: resolves every reference to
 * a raw ordinal and fills its {@link LinkedRange}: node and edge records in node order, the
 * strong edges, the flags of the nodes it references, and the first bytes of every byte and
 * char array so that String values can be named later.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class LinkPass implements HeapDumpVisitor {

	private static final int CLASS_CACHE_SIZE = 256;

	/** How many of the last objects are checked before the index: most references are local. */
	private static final int RECENT = 16;

	private final LinkContext context;

	private final LinkedRange range;

	private final MappedBuffer flags;

	private final long[] recentIds = new long[RECENT];

	private final long[] cachedClassIds = new long[CLASS_CACHE_SIZE];

	private final ClassModel[] cachedClasses = new ClassModel[CLASS_CACHE_SIZE];

	private final int valueName;

	private final int className;

	private final int referenceSize;

	private long rangeStart;

	private long ordinal;

	final AtomicLong bytesDone = new AtomicLong();

	LinkPass(LinkContext context, LinkedRange range, int valueName, int className) {
		this.context = context;
		this.range = range;
		this.flags = range.flags();
		this.valueName = valueName;
		this.className = className;
		this.referenceSize = context.layout.referenceSize();
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
					this.range.edges().add(model.staticEdgeTypes[f], model.staticNames[f], (int) target);
					strong(target);
					if (model.staticSensitive[f]) {
						mark(target, NodeFlags.SENSITIVE);
					}
					count++;
				}
			}
			node(NodeHead.of(NodeHead.CLASS, i), size(model.mirrorSize), count, 0);
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
		this.ordinal = this.context.firstOrdinal(firstSegment);
		this.rangeStart = this.ordinal;
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
				this.range.edges().add(SnapshotFormat.EDGE_INTERNAL, this.valueName, (int) target);
				strong(target);
				mark(target, NodeFlags.STRING_VALUE);
				count = 1;
			}
			if (this.context.secrets) {
				this.range.strings().add((int) (this.ordinal - 1), (int) target, coder);
			}
			node(NodeHead.of(NodeHead.STRING, coder), size(model.instanceSize), count, (int) target);
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
			this.range.edges().add(type, model.refNames[i], (int) target);
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
				this.range.entries().add((int) key, (int) value);
			}
		}
		this.range.edges().add(SnapshotFormat.EDGE_INTERNAL, this.className, model.index);
		strong(model.index);
		count++;
		if (model.threadNameOffset >= 0) {
			count += linkThread(id, in.idAt(base + model.threadNameOffset));
		}
		node(NodeHead.of(NodeHead.INSTANCE, model.index), size(model.instanceSize), count, 0);
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
				this.range.edges().add(SnapshotFormat.EDGE_INTERNAL, names[i], (int) target);
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
						this.range.edges().add(SnapshotFormat.EDGE_ELEMENT, index + i, (int) target);
						strong(target);
						count++;
					}
				}
			}
			buffer.position(base + n * idSize);
			index += n;
		}
		node(NodeHead.of(NodeHead.OBJECT_ARRAY, model.index),
				size(this.context.layout.arraySize(length, this.referenceSize)), count, 0);
	}

	@Override
	public void primitiveArray(long id, int type, int length, HprofInput in, long offset) throws IOException {
		long self = this.ordinal++;
		remember(id);
		int elementSize = BasicType.primitiveSize(type);
		if (type == BasicType.BYTE || type == BasicType.CHAR) {
			ByteBuffer buffer = in.require(this.range.text().kept(type, length), "PRIM_ARRAY_DUMP", offset);
			this.range.text().add(self, type, length, buffer);
			mark(self, NodeFlags.TEXT_ARRAY);
		}
		node(NodeHead.of(NodeHead.PRIMITIVE_ARRAY, type),
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
		this.range.strong().add(target);
	}

	private void node(int head, int size, int edges, int valueArray) throws IOException {
		this.range.nodes().add(head, size, edges, valueArray);
		this.range.strong().endNode();
	}

	private void mark(long target, int bit) {
		this.flags.putByte(target, (byte) (this.flags.getByte(target) | bit));
	}

	private static int size(long size) {
		return (int) Math.min(size, SnapshotFormat.MAX_SIZE);
	}

}
