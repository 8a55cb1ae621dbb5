package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.v8.AsciiWriter;
import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * The last pass, over the {@link LinkedGraph}: decides which value arrays fold into their
 * String and which nodes hang under the unreachable categories, numbers the nodes
 * ({@link NodeNumbering}), and writes the snapshot on two threads (see {@link #write}):
 * {@link SnapshotNodes}, {@link SnapshotEdges}, then the strings table.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class WritePass {

	// On the heap: below G1's humongous threshold (half a region) on the smallest regions, 1 MB
	private static final int WRITER_BUFFER_SIZE = 1 << 18;

	private final LinkContext context;

	private final LinkedGraph graph;

	private final StringTable strings;

	private final RootPlan plan;

	private final ValueNamer namer;

	private final Progress progress;

	private final MappedBuffer flags;

	private final List<CategoryNode> categories = new ArrayList<>();

	private @Nullable NodeNumbering numbering;

	long nodeCount;

	long edgeCount;

	private final Predicate<String> sensitiveName;

	private final int threads;

	private final @Nullable ObjectIdAssignment ids;

	WritePass(LinkContext context, LinkedGraph graph, StringTable strings, RootPlan plan, ValueNamer namer,
			Progress progress, Predicate<String> sensitiveName, int threads, @Nullable ObjectIdAssignment ids) {
		this.sensitiveName = sensitiveName;
		this.threads = threads;
		this.ids = ids;
		this.context = context;
		this.graph = graph;
		this.strings = strings;
		this.plan = plan;
		this.namer = namer;
		this.progress = progress;
		this.flags = graph.flags();
	}

	void run(Path part) throws IOException {
		try {
			StringValues values = new StringValues(this.graph, this.context.classes.utf16LittleEndian(),
					this.context.textBytes / 2);
			if (this.context.secrets) {
				this.namer.secretHashes(Secrets.find(this.graph, values, this.sensitiveName));
			}
			planCategories(values);
			if (this.ids != null) {
				this.ids.assign(this.context, this.graph, this.strings, this.threads);
			}
			// Every reference is resolved now: free the object index before writing
			this.context.objects.close();
			write(part, values);
		}
		finally {
			if (this.numbering != null) {
				this.numbering.close();
			}
		}
	}

	private void planCategories(StringValues values) throws IOException {
		for (Map.Entry<RootCategory, List<RootPlan.Edge>> roots : this.plan.edges.entrySet()) {
			RootCategory category = roots.getKey();
			CategoryNode node = new CategoryNode(category);
			for (RootPlan.Edge edge : roots.getValue()) {
				long target = this.context.resolve(edge.target());
				if (target < 0) {
					continue;
				}
				int name = (category == RootCategory.THREAD_OBJECTS) ? threadName(edge.target(), values) : edge.name();
				node.add(name, target);
				this.flags.putByte(target, (byte) (this.flags.getByte(target) | NodeFlags.ROOT));
			}
			if (node.count > 0) {
				this.categories.add(node);
			}
		}
	}

	private int threadName(long threadId, StringValues values) throws IOException {
		int thread = this.plan.threadsByObject.get(threadId, -1);
		if (thread >= 0) {
			long name = this.context.threadNameStrings[thread];
			if (name >= 0 && values.loadString(name) && values.length > 0) {
				return this.namer.name(values.chars, values.length,
						(this.flags.getByte(name) & NodeFlags.SENSITIVE) != 0);
			}
			return this.strings.intern("thread " + (this.plan.threadRoots.get(thread).threadSerial() & 0xFFFFFFFFL));
		}
		return this.strings.intern("thread");
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
		SnapshotNodes nodeWriter = new SnapshotNodes(this.context, this.graph, this.strings, this.categories,
				(this.ids != null) ? this.ids.ids() : null);
		AtomicLong written = new AtomicLong();
		long total = this.context.nodeCount;
		try (StringNames names = new StringNames(this.context.directory.resolve("string-names"), stop);
				FileChannel out = OwnerOnlyFiles.create(part)) {
			Parallel.run(this.threads, "v8heapsnapshot-edges", () -> {
				if (this.ids == null) {
					// Else searched as the ids were assigned
					Reachability.flagUnreached(this.graph, this.context.directory, stop::check, null, 0);
				}
				NodeNumbering numbering = NodeNumbering.number(this.graph, this.categories, this.context.directory);
				this.numbering = numbering;
				this.nodeCount = numbering.nodeCount();
				this.edgeCount = numbering.edgeCount();
				try (FileChannel channel = FileChannel.open(edgesFile, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE)) {
					SnapshotEdges.write(channel, WRITER_BUFFER_SIZE, this.graph, this.categories, numbering, stop);
				}
				AsciiWriter writer = new AsciiWriter(out, WRITER_BUFFER_SIZE);
				writer.write(SnapshotFormat.head(this.nodeCount, this.edgeCount));
				nodeWriter.write(writer, numbering, names, written, stop);
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
	 * Names every String node, in node order: the name's index in the strings table and,
	 * when the String's array folds into it, the array's size.
	 */
	private void nameStrings(StringValues values, StringNames names) throws IOException {
		long raw = 0;
		long total = this.context.nodeCount;
		StringBatch batch = new StringBatch(this.strings, names);
		for (LinkedRange range : this.graph.ranges()) {
			try (NodeRecords.Cursor node = range.nodes().cursor()) {
				while (node.next()) {
					if ((raw & 0xFFFFF) == 0) {
						this.progress.update(raw, 2 * total);
					}
					if (node.kind() == NodeHead.STRING) {
						int length = 0;
						long folded = 0;
						int array = node.valueArray();
						if (array >= 0 && values.load(array, node.ref())) {
							length = this.namer.escape(values.chars, values.length,
									(this.flags.getByte(raw) & NodeFlags.SENSITIVE) != 0);
							if (NodeFlags.folded(this.flags.getByte(array))) {
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
		this.graph.releaseText();
	}

}
