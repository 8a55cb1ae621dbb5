package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.hprof.BasicType;
import io.github.v8heapsnapshot.ids.ObjectIds;
import io.github.v8heapsnapshot.index.MappedBuffer;
import io.github.v8heapsnapshot.v8.AsciiWriter;
import io.github.v8heapsnapshot.v8.SnapshotFormat;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * Formats the snapshot's nodes: the root, {@code (GC roots)} and its categories, then the
 * linked graph's in node order, but for the value arrays folded into their String, whose
 * size and edge the String takes over.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class SnapshotNodes {

	private static final String FILLER_NAME = "jdk.internal.vm.FillerElement[]";

	private static final int EMPTY_NAME = 0;

	private static final int GC_ROOTS_NAME = 1;

	private static final int FILLER_NAME_INDEX = 2;

	private static final int FIRST_CATEGORY_NAME = 3;

	private static final int FIRST_PRIMITIVE_NAME = FIRST_CATEGORY_NAME + RootCategory.values().length;

	private final LinkContext context;

	private final LinkedGraph graph;

	private final List<CategoryNode> categories;

	private final @Nullable ObjectIds ids;

	private final int[] fixedNames;

	/**
	 * Prepares the writer, interning the names it needs besides those of the Strings.
	 * @param context what the link workers shared
	 * @param graph the linked graph
	 * @param strings the strings table
	 * @param categories the categories under {@code (GC roots)}, to which numbering may add
	 * @param ids the object ids, or {@code null} to number the nodes
	 */
	SnapshotNodes(LinkContext context, LinkedGraph graph, StringTable strings, List<CategoryNode> categories,
			@Nullable ObjectIds ids) throws IOException {
		this.context = context;
		this.graph = graph;
		this.categories = categories;
		this.ids = ids;
		this.fixedNames = fixedNames(strings, categories);
	}

	/**
	 * Interns the names the node writer needs besides those of the Strings: the synthetic
	 * nodes' (those of both categories that reachability may add included) and the
	 * primitive arrays'.
	 * @return the indices, by the positions named {@code *_NAME}
	 */
	private static int[] fixedNames(StringTable strings, List<CategoryNode> categories) throws IOException {
		int[] names = new int[FIRST_PRIMITIVE_NAME + BasicType.LONG + 1];
		names[EMPTY_NAME] = strings.intern("");
		names[GC_ROOTS_NAME] = strings.intern("(GC roots)");
		for (CategoryNode node : categories) {
			names[FIRST_CATEGORY_NAME + node.category.ordinal()] = strings.intern(node.category.nodeName());
		}
		for (RootCategory category : RootCategory.values()) {
			if (category.tops()) {
				names[FIRST_CATEGORY_NAME + category.ordinal()] = strings.intern(category.nodeName());
			}
		}
		for (int type = BasicType.BOOLEAN; type <= BasicType.LONG; type++) {
			names[FIRST_PRIMITIVE_NAME + type] = strings.intern(BasicType.javaName(type) + "[]");
		}
		names[FILLER_NAME_INDEX] = strings.intern(FILLER_NAME);
		return names;
	}

	/**
	 * Writes the nodes, the synthetic ones first.
	 * @param writer where to
	 * @param numbering the numbering of the nodes
	 * @param names the names of the Strings, in node order
	 * @param written how many raw ordinals are done, for progress
	 * @param stop checked now and then, set when another thread failed
	 */
	void write(AsciiWriter writer, NodeNumbering numbering, StringNames names, AtomicLong written, Cancellation stop)
			throws IOException {
		int[] fixedNames = this.fixedNames;
		writeNode(writer, SnapshotFormat.NODE_SYNTHETIC, fixedNames[EMPTY_NAME], 1, 0, 1);
		writer.write('\n');
		writer.write(',');
		writeNode(writer, SnapshotFormat.NODE_SYNTHETIC, fixedNames[GC_ROOTS_NAME], 3, 0, this.categories.size());
		for (int i = 0; i < this.categories.size(); i++) {
			CategoryNode node = this.categories.get(i);
			writer.write('\n');
			writer.write(',');
			int name = fixedNames[FIRST_CATEGORY_NAME + node.category.ordinal()];
			writeNode(writer, SnapshotFormat.NODE_SYNTHETIC, name, 5 + 2L * i, 0, node.count);
		}
		boolean fillers = this.context.layout.javaVersion() >= 22;
		writeObjectNodes(writer, numbering.syntheticCount(), names, fillers, written, stop);
	}

	private void writeObjectNodes(AsciiWriter writer, long syntheticCount, StringNames names, boolean fillers,
			AtomicLong written, Cancellation stop) throws IOException {
		ClassTable classes = this.context.classes;
		MappedBuffer flags = this.graph.flags();
		int[] fixedNames = this.fixedNames;
		int filler = fixedNames[FILLER_NAME_INDEX];
		long raw = 0;
		long next = syntheticCount;
		for (LinkedRange range : this.graph.ranges()) {
			try (NodeRecords.Cursor node = range.nodes().cursor()) {
				while (node.next()) {
					long size = node.size();
					int edges = node.edgeCount();
					byte f = flags.getByte(raw);
					if ((raw & 0xFFFF) == 0) {
						written.lazySet(raw);
						stop.check();
					}
					raw++;
					if (NodeFlags.folded(f)) {
						continue;
					}
					int ref = node.ref();
					int type = SnapshotFormat.NODE_OBJECT;
					int name;
					switch (node.kind()) {
						case NodeHead.CLASS -> {
							type = SnapshotFormat.NODE_OBJECT_SHAPE;
							name = classes.get(ref).shapeNameIndex;
						}
						case NodeHead.STRING -> {
							type = SnapshotFormat.NODE_STRING;
							long record = names.next();
							name = (int) (record >>> 32);
							long folded = record & 0xFFFFFFFFL;
							if (folded > 0) {
								size += folded;
								edges--;
							}
						}
						case NodeHead.PRIMITIVE_ARRAY -> name = (fillers && ref == BasicType.INT
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

}
