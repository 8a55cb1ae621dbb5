package io.github.v8heapsnapshot.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The ids of one snapshot's nodes, continued from the snapshots before it through an id
 * table file, as V8 numbers the objects of one isolate: an object keeps the id it had,
 * and an object first seen gets an odd id larger than every id handed out before, so ids
 * are never reused.
 *
 * <p>An object keeps its id when it is at the same address with the same class key as in
 * the previous snapshot. An object that a garbage collection moved keeps it when its
 * content is the same and unique in both snapshots (a String's characters, a text array's,
 * or what an object holds of them and of classes under which field names), or else when it
 * hangs in the same place: referenced by an object that kept its id, under the same field
 * name or index, with the same class key (resolved depth first from the objects that have
 * an id). Classes keep theirs by name and loader. The objects that no root reaches,
 * whose place HPROF may not show (the reflection caches that fields of
 * {@code java.lang.Class} hold), are found first by what they hold, a few references deep
 * ({@link FloatingKeys}). Keys that two objects share match neither, so that a wrong match,
 * which would hide a new object, stays rare.
 *
 * <p>{@link #read} reads the nodes, {@link #assign} writes the next table beside the given
 * one; {@link #commit} replaces the table with it once the snapshot is complete, and
 * {@link #close} deletes what is left.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class ObjectIds implements Closeable {

	/**
	 * The first id of the first snapshot: the smaller ones belong to the synthetic nodes.
	 */
	public static final long FIRST_ID = 101;

	private static final long MAX_ID = 0xFFFFFFFFL;

	private static final long CONTENT = -1;

	private final Path table;

	private final Path next;

	private final Path directory;

	private final long count;

	private final NodeKeys nodes;

	private @Nullable UniqueKeys uniqueContents;

	private long[] classOrdinals = new long[64];

	private int[] anchors = new int[64];

	private int classCount;

	private long nextId = FIRST_ID;

	private long previousCount;

	private long keptByAddress;

	private long keptByPlace;

	private long keptByContent;

	private long addressMin = Long.MAX_VALUE;

	private long addressBits;

	private boolean committed;

	private ObjectIds(Path table, Path directory, long count) throws IOException {
		this.table = table;
		this.directory = directory;
		this.count = count;
		this.next = nextTable(table);
		try {
			this.nodes = new NodeKeys(directory, count);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(this.next);
			throw ex;
		}
	}

	/**
	 * Reads what each node of a snapshot is, the first step of giving them ids, which needs
	 * neither the previous table nor {@link ObjectGraph#rooted}.
	 * @param table the id table: read by {@link #assign} if it exists, replaced on
	 * {@link #commit}
	 * @param graph the snapshot's nodes
	 * @param directory where the temporary files go
	 * @return the ids to assign, to be closed
	 * @throws IOException if a file cannot be read or written
	 */
	public static ObjectIds read(Path table, ObjectGraph graph, Path directory) throws IOException {
		ObjectIds ids = new ObjectIds(table, directory, graph.nodeCount());
		try {
			ids.readNodes(graph);
			return ids;
		}
		catch (IOException | RuntimeException ex) {
			ids.close();
			throw ex;
		}
	}

	/**
	 * Gives every node its id, reading the previous snapshot's table if there is one, and
	 * writes the table for the next snapshot beside it.
	 * @param graph the snapshot's nodes, as given to {@link #read}
	 * @throws IOException if the table is not an id table, or a file cannot be read or
	 * written
	 */
	public void assign(ObjectGraph graph) throws IOException {
		try (FloatingKeys floating = new FloatingKeys(this.directory, this.count)) {
			if (Files.exists(this.table)) {
				continueFrom(graph, floating);
			}
			else {
				graph.addresses((address, ordinal) -> noteAddress(address));
				sumContents(graph, floating, null, null);
			}
			handOutNewIds();
			writeNext(graph, floating);
		}
	}

	/**
	 * Returns the id of a node.
	 * @param ordinal the node's ordinal
	 * @return its id, odd
	 */
	public long id(long ordinal) {
		return this.nodes.id(ordinal);
	}

	/**
	 * Returns the nodes of this snapshot.
	 * @return the count
	 */
	public long nodes() {
		return this.count;
	}

	/**
	 * Returns the nodes of the previous snapshot, 0 for the first.
	 * @return the count
	 */
	public long previousNodes() {
		return this.previousCount;
	}

	/**
	 * Returns the nodes that kept their id at the same address.
	 * @return the count
	 */
	public long keptByAddress() {
		return this.keptByAddress;
	}

	/**
	 * Returns the nodes that moved and kept their id by their content.
	 * @return the count
	 */
	public long keptByContent() {
		return this.keptByContent;
	}

	/**
	 * Returns the nodes that moved and kept their id by where they hang.
	 * @return the count
	 */
	public long keptByPlace() {
		return this.keptByPlace;
	}

	/**
	 * Replaces the table with the one for the next snapshot.
	 * @throws IOException if the table cannot be replaced
	 */
	public void commit() throws IOException {
		Files.move(this.next, this.table, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		this.committed = true;
	}

	/**
	 * Empties a table but keeps its next free id, so that later snapshots of the same JVM
	 * number their objects as new without reusing an id: for when no snapshot that the
	 * table describes is kept.
	 * @param table the id table; nothing happens if it does not exist
	 * @throws IOException if the table is not an id table or cannot be replaced
	 */
	public static void clear(Path table) throws IOException {
		if (!Files.exists(table)) {
			return;
		}
		long nextId;
		try (IdTable.Reader reader = new IdTable.Reader(table)) {
			nextId = reader.nextId;
		}
		Path empty = nextTable(table);
		try {
			try (IdTable.Writer writer = new IdTable.Writer(empty, 0, 0)) {
				writer.finish(nextId);
			}
			Files.move(empty, table, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(empty);
		}
	}

	private static Path nextTable(Path table) throws IOException {
		return Files.createTempFile(table.toAbsolutePath().getParent(), table.getFileName() + ".", ".next");
	}

	private void readNodes(ObjectGraph graph) throws IOException {
		graph.nodes((ordinal, classKey, anchor, content) -> {
			this.nodes.classKey(ordinal, classKey);
			this.nodes.content(ordinal, content);
			if (anchor != 0) {
				if (this.classCount == this.anchors.length) {
					this.anchors = Arrays.copyOf(this.anchors, 2 * this.classCount);
					this.classOrdinals = Arrays.copyOf(this.classOrdinals, 2 * this.classCount);
				}
				this.classOrdinals[this.classCount] = ordinal;
				this.anchors[this.classCount++] = anchor;
			}
		});
	}

	private void continueFrom(ObjectGraph graph, FloatingKeys floating) throws IOException {
		try (IdTable.Reader previous = new IdTable.Reader(this.table)) {
			this.nextId = previous.nextId;
			this.previousCount = previous.count;
			try (LostIds lost = new LostIds(this.directory)) {
				matchAddresses(graph, previous, lost);
				try (PlaceIndex index = lost.index(this.directory); EdgeList pending = new EdgeList(this.directory, "pending")) {
					matchClasses(index);
					sumContents(graph, floating, index, pending);
					matchContents(index);
					matchDownwards(index, pending, graph);
					matchFloating(graph, floating, index);
				}
			}
		}
	}

	/**
	 * Joins the previous table and the snapshot, both in ascending order of address; the
	 * previous ids that no node takes there are lost, to be found by their place.
	 */
	private void matchAddresses(ObjectGraph graph, IdTable.Reader previous, LostIds lost) throws IOException {
		boolean[] more = { previous.next() };
		graph.addresses((address, ordinal) -> {
			noteAddress(address);
			while (more[0] && previous.address < address) {
				lost.add(previous.place, previous.id);
				more[0] = previous.next();
			}
			if (more[0] && previous.address == address) {
				if (previous.classBits == (this.nodes.classKey(ordinal) & 0xFFFF)) {
					keep(ordinal, previous.id);
					this.keptByAddress++;
				}
				else {
					lost.add(previous.place, previous.id);
				}
				more[0] = previous.next();
			}
		});
		while (more[0]) {
			lost.add(previous.place, previous.id);
			more[0] = previous.next();
		}
	}

	private void matchClasses(PlaceIndex index) {
		for (int i = 0; i < this.classCount; i++) {
			long ordinal = this.classOrdinals[i];
			if (id(ordinal) == 0) {
				takeByPlace(index, ordinal, classPlace(i));
			}
		}
	}

	/**
	 * Reads every reference once: sums what each node holds of content into its place slot,
	 * which is free until {@link #writeNext}, and keeps the references of the nodes that no
	 * root reaches for their floating keys. When continuing, gives the rooted nodes that
	 * moved the ids lost at their place where the source kept its id, and keeps the
	 * references whose source has no id yet for {@link #matchDownwards}.
	 */
	private void sumContents(ObjectGraph graph, FloatingKeys floating, @Nullable PlaceIndex index,
			@Nullable EdgeList pending) throws IOException {
		graph.edges((source, name, target) -> {
			int content = this.nodes.content(target);
			if (content != 0) {
				int sum = this.nodes.place(source) + ObjectGraph.key(name, content);
				this.nodes.place(source, (sum != 0) ? sum : 1);
			}
			if (!graph.rooted(source) || !graph.rooted(target)) {
				floating.addEdge(source, name, target);
			}
			else if (index != null && pending != null && id(target) == 0 && isPlaced(graph, source, target)) {
				if (id(source) != 0) {
					takeByPlace(index, target, place(source, name, target));
				}
				else {
					pending.add(source, name, target);
				}
			}
		});
		// Each node's content key from its own content, or else from the sum of what it holds
		for (long ordinal = 0; ordinal < this.count; ordinal++) {
			if (graph.isClass(ordinal)) {
				// Found by their anchor
				this.nodes.content(ordinal, 0);
				this.nodes.place(ordinal, 0);
				continue;
			}
			if (!graph.rooted(ordinal)) {
				floating.addNode(ordinal);
			}
			int own = this.nodes.content(ordinal);
			int held = this.nodes.place(ordinal);
			if (own != 0 || held != 0) {
				int content = ObjectGraph.key(ObjectGraph.key(CONTENT, (own != 0) ? own : held),
						this.nodes.classKey(ordinal));
				this.nodes.content(ordinal, content);
				this.nodes.place(ordinal, 0);
			}
		}
		this.uniqueContents = UniqueKeys.find(this.nodes, this.directory);
	}

	/**
	 * Gives the nodes that moved the ids lost with the same content. The previous table only
	 * has content keys that were unique there; a copy made since may take the id instead of
	 * the original, which is as good as the original for a comparison.
	 */
	private void matchContents(PlaceIndex index) {
		for (long ordinal = 0; ordinal < this.count; ordinal++) {
			int content = this.nodes.content(ordinal);
			if (content != 0 && id(ordinal) == 0) {
				long id = index.take(content);
				if (id != 0) {
					keep(ordinal, id);
					this.keptByContent++;
				}
			}
		}
	}

	/**
	 * Gives the nodes that moved the ids lost at their place, downwards from the nodes that
	 * have an id, depth first: a node that takes an id passes it on at once to the targets of
	 * its references in the list, so that a long chain (a linked list that a compacting
	 * collector moved whole) is followed to its end.
	 */
	private void matchDownwards(PlaceIndex index, EdgeList edges, ObjectGraph graph) throws IOException {
		try (OrdinalList stack = new OrdinalList(this.directory, "node-stack")) {
			long[] last = { -1 };
			edges.forEach((source, name, target) -> {
				if (source != last[0] && id(source) != 0) {
					stack.add(source);
				}
				last[0] = source;
			});
			while (stack.size() > 0) {
				long source = stack.pop();
				edges.forEachOf(source, (from, name, target) -> {
					if (id(target) == 0 && isPlaced(graph, from, target)) {
						takeByPlace(index, target, place(from, name, target));
						if (id(target) != 0) {
							stack.add(target);
						}
					}
				});
			}
		}
	}

	/**
	 * Gives the nodes that no root reaches and that moved the ids lost with the same
	 * floating key.
	 */
	private void matchFloating(ObjectGraph graph, FloatingKeys floating, PlaceIndex index) throws IOException {
		floating.compute(this.nodes, graph, this.directory);
		for (long i = 0; i < floating.nodeCount(); i++) {
			long ordinal = floating.node(i);
			if (id(ordinal) == 0) {
				long id = index.take(this.nodes.place(ordinal));
				if (id != 0) {
					keep(ordinal, id);
					this.keptByContent++;
				}
			}
		}
		matchDownwards(index, floating.edges(), graph);
	}

	/**
	 * Tells whether a reference places its target: a rooted node is placed by the rooted
	 * nodes that hold it, one that no root reaches by any node.
	 */
	private static boolean isPlaced(ObjectGraph graph, long source, long target) {
		return !graph.isClass(target) && (graph.rooted(source) || !graph.rooted(target));
	}

	private int uniqueContent(long ordinal) {
		int content = this.nodes.content(ordinal);
		UniqueKeys unique = Objects.requireNonNull(this.uniqueContents, "uniqueContents");
		return (content != 0 && unique.isUnique(ordinal)) ? content : 0;
	}

	private void takeByPlace(PlaceIndex index, long ordinal, int place) {
		long id = index.take(place);
		if (id != 0) {
			keep(ordinal, id);
			this.keptByPlace++;
		}
	}

	private void handOutNewIds() throws IOException {
		long id = this.nextId;
		for (long ordinal = 0; ordinal < this.count; ordinal++) {
			if (id(ordinal) == 0) {
				if (id > MAX_ID) {
					throw new IOException("The snapshots of this process used up the 2^31 object ids of "
							+ this.table + ": delete it to start again");
				}
				keep(ordinal, id);
				id += 2;
			}
		}
		this.nextId = id;
	}

	/**
	 * Writes the table for the next snapshot. Each node's key there is its content key if
	 * that is unique, else, for a rooted node, its place under the first rooted node that
	 * holds it, and for the others their floating key if unique, else their place under the
	 * first node that holds them. First in the order of the nodes: a class's static field
	 * before any object, and an object usually before the objects that it created (and that
	 * may point back at it), which are allocated after it.
	 */
	private void writeNext(ObjectGraph graph, FloatingKeys floating) throws IOException {
		for (int i = 0; i < this.classCount; i++) {
			this.nodes.place(this.classOrdinals[i], classPlace(i));
		}
		graph.edges((source, name, target) -> {
			if (!graph.rooted(target) || !isPlaced(graph, source, target)) {
				return;
			}
			if (this.nodes.place(target) == 0) {
				this.nodes.place(target, place(source, name, target));
			}
		});
		floating.compute(this.nodes, graph, this.directory);
		floating.edges().forEach((source, name, target) -> {
			if (!graph.rooted(target)) {
				floating.offerPlace(target, place(source, name, target));
			}
		});
		long base = (this.addressMin != Long.MAX_VALUE) ? this.addressMin : 0;
		try (IdTable.Writer writer = new IdTable.Writer(this.next, base, this.addressBits)) {
			graph.addresses((address, ordinal) -> writer.add(address, this.nodes.classKey(ordinal), id(ordinal),
					nextKey(graph, floating, ordinal)));
			writer.finish(this.nextId);
		}
	}

	private int nextKey(ObjectGraph graph, FloatingKeys floating, long ordinal) {
		int content = uniqueContent(ordinal);
		if (content != 0) {
			return content;
		}
		int key = this.nodes.place(ordinal);
		return (graph.rooted(ordinal) || floating.isUnique(key)) ? key : floating.place(ordinal);
	}

	private void noteAddress(long address) {
		this.addressMin = Math.min(this.addressMin, address);
		this.addressBits |= address;
	}

	private int place(long source, int name, long target) {
		return ObjectGraph.key(ObjectGraph.key(id(source), name), this.nodes.classKey(target));
	}

	private int classPlace(int i) {
		return ObjectGraph.key(this.anchors[i], this.nodes.classKey(this.classOrdinals[i]));
	}

	private void keep(long ordinal, long id) {
		this.nodes.id(ordinal, id);
	}

	/**
	 * Deletes the temporary files, and the next table unless it was committed.
	 * @throws IOException if a file cannot be deleted
	 */
	@Override
	public void close() throws IOException {
		try (NodeKeys nodes = this.nodes) {
			if (!this.committed) {
				Files.deleteIfExists(this.next);
			}
		}
	}

	/**
	 * The previous ids that no node took at their address, with their places.
	 */
	private static final class LostIds extends AppendedRecords {

		LostIds(Path directory) throws IOException {
			super(directory, "lost-ids", 8);
		}

		void add(int place, long id) throws IOException {
			if (place != 0) {
				this.records.putLong(append(), ((long) place << 32) | id);
			}
		}

		PlaceIndex index(Path directory) throws IOException {
			PlaceIndex index = new PlaceIndex(directory, size());
			for (long i = 0; i < size(); i++) {
				long entry = this.records.getLong(i * 8);
				index.add((int) (entry >>> 32), entry & 0xFFFFFFFFL);
			}
			return index;
		}

	}

}
