package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.ids.ObjectIds;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.index.RankedBitSet;
import io.github.v8heapsnapshot.v8.AsciiWriter;
import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * The last pass: decides which value arrays fold into their String and which nodes hang
 * under the unreachable categories, numbers the nodes, and writes the snapshot on two
 * threads (see {@link #write}). The strings table comes last.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class WritePass {

	private static final int BUFFER_SIZE = 1 << 20;

	// On the heap: below G1's humongous threshold (half a region) on the smallest regions, 1 MB
	private static final int WRITER_BUFFER_SIZE = 1 << 18;

	private static final String FILLER_NAME = "jdk.internal.vm.FillerElement[]";

	private static final int EMPTY_NAME = 0;

	private static final int GC_ROOTS_NAME = 1;

	private static final int FILLER_NAME_INDEX = 2;

	private static final int FIRST_CATEGORY_NAME = 3;

	private static final int FIRST_PRIMITIVE_NAME = FIRST_CATEGORY_NAME + RootPlan.CATEGORY_NAMES.length;

	private final LinkContext context;

	private final LinkPass[] workers;

	private final StringTable strings;

	private final RootPlan plan;

	private final ValueNamer namer;

	private final Progress progress;

	private final MappedBuffer flags;

	private final List<Category> categories = new ArrayList<>();

	private @Nullable RankedBitSet kept;

	private long folded;

	private long syntheticCount;

	long nodeCount;

	long edgeCount;

	private final Predicate<String> sensitiveName;

	private final int threads;

	private final @Nullable ObjectIds ids;

	WritePass(LinkContext context, LinkPass[] workers, StringTable strings, RootPlan plan, ValueNamer namer,
			Progress progress, Predicate<String> sensitiveName, int threads, @Nullable ObjectIds ids) {
		this.sensitiveName = sensitiveName;
		this.threads = threads;
		this.ids = ids;
		this.context = context;
		this.workers = workers;
		this.strings = strings;
		this.plan = plan;
		this.namer = namer;
		this.progress = progress;
		this.flags = workers[0].flags;
	}

	void run(Path part) throws IOException {
		try {
			mergeFlags();
			StringValues values = new StringValues(this.workers, this.context.classes.utf16LittleEndian(),
					this.context.textBytes / 2);
			if (this.context.secrets) {
				this.namer.secretHashes(Secrets.find(this.workers, this.flags, values, this.sensitiveName));
			}
			planCategories(values);
			// Every reference is resolved now: free the object index before writing
			this.context.objects.close();
			write(part, values);
		}
		finally {
			if (this.kept != null) {
				this.kept.close();
			}
		}
	}

	private void mergeFlags() throws IOException {
		long count = this.context.nodeCount;
		for (int w = 1; w < this.workers.length; w++) {
			MappedBuffer other = this.workers[w].flags;
			for (long i = 0; i < count; i++) {
				byte b = other.getByte(i);
				if (b != 0) {
					this.flags.putByte(i, NodeFlags.merge(this.flags.getByte(i), b));
				}
			}
			other.close();
		}
	}

	private void planCategories(StringValues values) throws IOException {
		for (int c = 0; c < RootPlan.UNREACHABLE; c++) {
			List<Long> ids = this.plan.targets.get(c);
			List<Integer> names = this.plan.names.get(c);
			Category category = new Category(c);
			for (int i = 0; i < ids.size(); i++) {
				long target = this.context.resolve(ids.get(i));
				if (target < 0) {
					continue;
				}
				int name = (c == RootPlan.THREAD_OBJECTS) ? threadName(ids.get(i), values) : names.get(i);
				category.add(name, target);
				this.flags.putByte(target, (byte) (this.flags.getByte(target) | NodeFlags.ROOT));
			}
			if (category.count > 0) {
				this.categories.add(category);
			}
		}
	}

	private int threadName(long threadId, StringValues values) throws IOException {
		int thread = this.plan.threadsByObject.get(threadId, -1);
		if (thread >= 0) {
			long name = this.context.threadNameStrings[thread];
			if (name >= 0 && loadString(name, values) && values.length > 0) {
				return this.namer.name(values.chars, values.length,
						(this.flags.getByte(name) & NodeFlags.SENSITIVE) != 0);
			}
			return this.strings.intern("thread " + (this.plan.threadRoots.get(thread).threadSerial() & 0xFFFFFFFFL));
		}
		return this.strings.intern("thread");
	}

	private boolean loadString(long string, StringValues values) throws IOException {
		int worker = this.workers.length - 1;
		while (worker > 0 && string < this.workers[worker].firstOrdinal) {
			worker--;
		}
		int[] record = this.workers[worker].nodeRecord(string);
		return (record[0] >>> 28) == LinkPass.KIND_STRING && record[3] >= 0
				&& values.load(record[3], record[0] & 1);
	}

	private void numberNodes() throws IOException {
		long count = this.context.nodeCount;
		this.kept = new RankedBitSet(this.context.directory, count);
		long unreachable = 0;
		long weak = 0;
		for (long i = 0; i < count; i++) {
			byte f = this.flags.getByte(i);
			if (NodeFlags.folded(f)) {
				this.folded++;
				continue;
			}
			this.kept.add(i);
			if (NodeFlags.top(f)) {
				if ((f & NodeFlags.WEAK) != 0) {
					weak++;
				}
				else {
					unreachable++;
				}
			}
		}
		if (unreachable > 0) {
			this.categories.add(new Category(RootPlan.UNREACHABLE, unreachable));
		}
		if (weak > 0) {
			this.categories.add(new Category(RootPlan.WEAKLY_REACHABLE, weak));
		}
		this.kept.finish(count);
		this.syntheticCount = 2 + this.categories.size();
		this.nodeCount = this.syntheticCount + this.kept.size();
		long edges = 1 + this.categories.size();
		for (Category category : this.categories) {
			edges += category.count;
		}
		for (LinkPass worker : this.workers) {
			edges += worker.edgeCount;
		}
		this.edgeCount = edges - this.folded;
	}

	/**
	 * Writes the snapshot. The second thread searches reachability, numbers the nodes,
	 * formats the edges into a temporary file and then writes the head and the nodes;
	 * meanwhile the calling thread names the Strings and hands their names over. Then the
	 * edges and the strings table are appended.
	 */
	private void write(Path part, StringValues values) throws IOException {
		Path edgesFile = this.context.directory.resolve("edges.txt");
		Cancellation stop = new Cancellation();
		// The node writer runs beside the naming thread: the table is only read from then on
		int[] fixedNames = fixedNames();
		AtomicLong written = new AtomicLong();
		long total = this.context.nodeCount;
		try (StringNames names = new StringNames(this.context.directory.resolve("string-names"), stop);
				FileChannel out = OwnerOnlyFiles.create(part)) {
			Parallel.run(this.threads, "v8heapsnapshot-edges", () -> {
				Reachability.flagUnreached(this.workers, this.flags, this.context.directory, this.context.nodeCount,
						() -> stop.check());
				numberNodes();
				try (FileChannel channel = FileChannel.open(edgesFile, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					writeEdges(channel, stop);
				}
				AsciiWriter writer = new AsciiWriter(out, WRITER_BUFFER_SIZE);
				writer.write(SnapshotFormat.head(this.nodeCount, this.edgeCount));
				writeNodes(writer, names, fixedNames, written, stop);
				writer.write(SnapshotFormat.betweenNodesAndEdges());
				writer.close();
			}, () -> nameStrings(values, names), () -> this.progress.update(total + written.get(), 2 * total),
					stop);
			try (FileChannel edges = FileChannel.open(edgesFile, StandardOpenOption.READ)) {
				long size = edges.size();
				long done = 0;
				while (done < size) {
					done += edges.transferTo(done, size - done, out);
				}
			}
			AsciiWriter writer = new AsciiWriter(out, 4096);
			writer.write(SnapshotFormat.betweenEdgesAndStrings());
			writer.close();
			this.strings.writeTo(out);
			writer.write(SnapshotFormat.tail());
			writer.close();
		}
	}

	/**
	 * Interns the names the node writer needs besides those of the Strings: the synthetic
	 * nodes' (those of both categories that reachability may add included) and the
	 * primitive arrays'.
	 * @return the indices, by the positions named {@code *_NAME}
	 */
	private int[] fixedNames() throws IOException {
		int[] names = new int[FIRST_PRIMITIVE_NAME + BasicType.LONG + 1];
		names[EMPTY_NAME] = this.strings.intern("");
		names[GC_ROOTS_NAME] = this.strings.intern("(GC roots)");
		for (Category category : this.categories) {
			names[FIRST_CATEGORY_NAME + category.kind] = this.strings.intern(RootPlan.CATEGORY_NAMES[category.kind]);
		}
		for (int kind : new int[] { RootPlan.UNREACHABLE, RootPlan.WEAKLY_REACHABLE }) {
			names[FIRST_CATEGORY_NAME + kind] = this.strings.intern(RootPlan.CATEGORY_NAMES[kind]);
		}
		for (int type = BasicType.BOOLEAN; type <= BasicType.LONG; type++) {
			names[FIRST_PRIMITIVE_NAME + type] = this.strings.intern(BasicType.javaName(type) + "[]");
		}
		names[FILLER_NAME_INDEX] = this.strings.intern(FILLER_NAME);
		return names;
	}

	/**
	 * Names every String node, in node order: the name's index in the strings table and,
	 * when the String's array folds into it, the array's size.
	 */
	private void nameStrings(StringValues values, StringNames names) throws IOException {
		long raw = 0;
		long total = this.context.nodeCount;
		StringBatch batch = new StringBatch(names);
		for (LinkPass worker : this.workers) {
			try (BinaryInput in = new BinaryInput(worker.nodes.file(), BUFFER_SIZE)) {
				ByteBuffer buffer = in.buffer();
				while (in.ensure(4)) {
					int head = buffer.getInt();
					buffer.position(buffer.position() + 8);
					int aux = buffer.getInt();
					if ((raw & 0xFFFFF) == 0) {
						this.progress.update(raw, 2 * total);
					}
					if ((head >>> 28) == LinkPass.KIND_STRING) {
						int length = 0;
						long folded = 0;
						if (aux >= 0 && values.load(aux, head & 1)) {
							length = this.namer.escape(values.chars, values.length,
									(this.flags.getByte(raw) & NodeFlags.SENSITIVE) != 0);
							if (NodeFlags.folded(this.flags.getByte(aux))) {
								folded = this.context.layout.arraySize(values.arrayLength, values.elementSize());
							}
						}
						batch.add(this.namer.escaped(), length, folded);
					}
					raw++;
				}
			}
		}
		batch.flush();
		names.finish();
		// Frees their pages while the nodes are still being written, rather than at the end
		this.strings.finishLookups();
		for (LinkPass worker : this.workers) {
			worker.releaseText();
		}
	}

	private void writeNodes(AsciiWriter writer, StringNames names, int[] fixedNames, AtomicLong written,
			Cancellation stop) throws IOException {
		writeNode(writer, SnapshotFormat.NODE_SYNTHETIC, fixedNames[EMPTY_NAME], 1, 0, 1);
		writer.write('\n');
		writer.write(',');
		writeNode(writer, SnapshotFormat.NODE_SYNTHETIC, fixedNames[GC_ROOTS_NAME], 3, 0, this.categories.size());
		for (int i = 0; i < this.categories.size(); i++) {
			Category category = this.categories.get(i);
			writer.write('\n');
			writer.write(',');
			int name = fixedNames[FIRST_CATEGORY_NAME + category.kind];
			writeNode(writer, SnapshotFormat.NODE_SYNTHETIC, name, 5 + 2L * i, 0, category.count);
		}
		boolean fillers = this.context.layout.javaVersion() >= 22;
		writeObjectNodes(writer, names, fixedNames, fillers, written, stop);
	}

	private void writeObjectNodes(AsciiWriter writer, StringNames names, int[] fixedNames, boolean fillers,
			AtomicLong written, Cancellation stop) throws IOException {
		ClassTable classes = this.context.classes;
		int filler = fixedNames[FILLER_NAME_INDEX];
		long raw = 0;
		long next = this.syntheticCount;
		for (LinkPass worker : this.workers) {
			try (BinaryInput in = new BinaryInput(worker.nodes.file(), BUFFER_SIZE)) {
				ByteBuffer buffer = in.buffer();
				while (in.ensure(4)) {
					int head = buffer.getInt();
					long size = Integer.toUnsignedLong(buffer.getInt());
					int edges = buffer.getInt();
					buffer.getInt();
					byte f = this.flags.getByte(raw);
					if ((raw & 0xFFFF) == 0) {
						written.lazySet(raw);
						stop.check();
					}
					raw++;
					if (NodeFlags.folded(f)) {
						continue;
					}
					int kind = head >>> 28;
					int ref = head & 0x0FFFFFFF;
					int type = SnapshotFormat.NODE_OBJECT;
					int name;
					switch (kind) {
						case LinkPass.KIND_CLASS -> {
							type = SnapshotFormat.NODE_OBJECT_SHAPE;
							name = classes.get(ref).shapeNameIndex;
						}
						case LinkPass.KIND_STRING -> {
							type = SnapshotFormat.NODE_STRING;
							long record = names.next();
							name = (int) (record >>> 32);
							long folded = record & 0xFFFFFFFFL;
							if (folded > 0) {
								size += folded;
								edges--;
							}
						}
						case LinkPass.KIND_PRIMITIVE_ARRAY -> name = (fillers && ref == BasicType.INT
								&& NodeFlags.top(f)) ? filler : fixedNames[FIRST_PRIMITIVE_NAME + ref];
						default -> name = classes.get(ref).nameIndex;
					}
					long id = (this.ids != null) ? this.ids.id(raw - 1) : 2 * next + 1;
					writer.node(type, name, id, Math.min(size, SnapshotFormat.MAX_SIZE), edges);
					next++;
				}
			}
		}
		written.set(raw);
	}

	private static void writeNode(AsciiWriter writer, int type, long name, long id, long size, long edges)
			throws IOException {
		writer.number(type);
		writer.commaNumber(name);
		writer.commaNumber(id);
		writer.commaNumber(size);
		writer.commaNumber(edges);
		writer.write(",0,0");
	}

	private void writeEdges(FileChannel channel, Cancellation stop) throws IOException {
		AsciiWriter writer = new AsciiWriter(channel, WRITER_BUFFER_SIZE);
		writer.write("1,1,7");
		for (int i = 0; i < this.categories.size(); i++) {
			writeEdge(writer, SnapshotFormat.EDGE_ELEMENT, i + 1, (2L + i) * SnapshotFormat.NODE_FIELD_COUNT);
		}
		for (Category category : this.categories) {
			if (category.kind == RootPlan.UNREACHABLE || category.kind == RootPlan.WEAKLY_REACHABLE) {
				writeTops(writer, category.kind == RootPlan.WEAKLY_REACHABLE);
			}
			else {
				for (int i = 0; i < category.count; i++) {
					writeEdge(writer, SnapshotFormat.EDGE_INTERNAL, category.names[i], target(category.targets[i]));
				}
			}
		}
		RankedBitSet kept = Objects.requireNonNull(this.kept, "kept");
		for (LinkPass worker : this.workers) {
			try (BinaryInput in = new BinaryInput(worker.edges.file(), BUFFER_SIZE)) {
				ByteBuffer buffer = in.buffer();
				long count = 0;
				while (in.ensure(3)) {
					int type = buffer.getInt();
					int name = buffer.getInt();
					long target = Integer.toUnsignedLong(buffer.getInt());
					if (kept.contains(target)) {
						writeEdge(writer, type, Integer.toUnsignedLong(name), target(target));
					}
					if ((++count & 0xFFFF) == 0) {
						stop.check();
					}
				}
			}
			// Frees its pages now, while the Strings are being named, rather than at the end
			Files.delete(worker.edges.file());
		}
		writer.close();
	}

	private void writeTops(AsciiWriter writer, boolean weak) throws IOException {
		long count = this.context.nodeCount;
		int index = 0;
		for (long i = 0; i < count; i++) {
			byte f = this.flags.getByte(i);
			if (NodeFlags.top(f) && !NodeFlags.folded(f) && ((f & NodeFlags.WEAK) != 0) == weak) {
				writeEdge(writer, SnapshotFormat.EDGE_ELEMENT, index++, target(i));
			}
		}
	}

	private long target(long raw) {
		return (this.syntheticCount + Objects.requireNonNull(this.kept, "kept").rank(raw)) * SnapshotFormat.NODE_FIELD_COUNT;
	}

	private static void writeEdge(AsciiWriter writer, int type, long name, long target) throws IOException {
		writer.edge(type, name, target);
	}

	/**
	 * String names collected a few at a time, so that their lookups in the strings table
	 * overlap: the records of {@link #nameStrings}, in order.
	 */
	private final class StringBatch {

		private static final int SIZE = 16;

		private final StringNames names;

		private byte[] bytes = new byte[SIZE * 64];

		private final int[] ends = new int[SIZE];

		private final long[] folded = new long[SIZE];

		private final long[] hashes = new long[SIZE];

		private int count;

		StringBatch(StringNames names) {
			this.names = names;
		}

		void add(byte[] escaped, int length, long foldedSize) throws IOException {
			int start = (this.count > 0) ? this.ends[this.count - 1] : 0;
			if (start + length > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(2 * this.bytes.length, start + length));
			}
			System.arraycopy(escaped, 0, this.bytes, start, length);
			this.ends[this.count] = start + length;
			this.folded[this.count++] = foldedSize;
			if (this.count == SIZE) {
				flush();
			}
		}

		void flush() throws IOException {
			StringTable table = WritePass.this.strings;
			for (int i = 0, start = 0; i < this.count; start = this.ends[i++]) {
				this.hashes[i] = StringTable.hash(this.bytes, start, this.ends[i] - start);
			}
			// A loop of loads alone, so that the processor has them all in flight at once
			for (int i = 0; i < this.count; i++) {
				table.prefetch(this.hashes[i]);
			}
			for (int i = 0, start = 0; i < this.count; start = this.ends[i++]) {
				int name = table.internEscaped(this.bytes, start, this.ends[i] - start, this.hashes[i]);
				this.names.add(name, (int) Math.min(this.folded[i], SnapshotFormat.MAX_SIZE));
			}
			this.count = 0;
		}

	}

	/**
	 * A synthetic node under {@code (GC roots)} and its edges.
	 */
	private static final class Category {

		final int kind;

		int count;

		int[] names = new int[8];

		long[] targets = new long[8];

		Category(int kind) {
			this.kind = kind;
		}

		Category(int kind, long count) {
			this.kind = kind;
			this.count = (int) count;
		}

		void add(int name, long target) {
			if (this.count == this.names.length) {
				this.names = Arrays.copyOf(this.names, this.count * 2);
				this.targets = Arrays.copyOf(this.targets, this.count * 2);
			}
			this.names[this.count] = name;
			this.targets[this.count++] = target;
		}

	}

}
