package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import io.github.v8heapsnapshot.hprof.HprofTag;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import io.github.v8heapsnapshot.testing.HprofBuilder.Field;
import io.github.v8heapsnapshot.testing.HprofBuilder.Segment;
import io.github.v8heapsnapshot.testing.HprofBuilder.Type;
import io.github.v8heapsnapshot.testing.HprofBuilder;
import io.github.v8heapsnapshot.testing.SnapshotModel.Edge;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link HeapSnapshotConverter} on HPROF files built by hand, one small graph
 * with every record and sub-record kind, whose nodes, edges, names and sizes are known.
 * Sizes are those of a JDK 17 with compressed references and class pointers.
 *
 * @author v8heapsnapshot developers
 */
class HandBuiltDumpTests {

	private static final long OBJECT = 0x1000;

	private static final long STRING = 0x1010;

	private static final long THREAD = 0x1020;

	private static final long NODE = 0x1030;

	private static final long NODE_ARRAY = 0x1040;

	private static final long BYTE_ARRAY = 0x1050;

	private static final long REFERENCE = 0x1060;

	private static final long WEAK_REFERENCE = 0x1070;

	private static final long FIRST = 0x2000;

	private static final long SECOND = 0x2010;

	private static final long NODES = 0x2020;

	private static final long HELLO = 0x2030;

	private static final long HELLO_BYTES = 0x2040;

	private static final long WORKER = 0x2050;

	private static final long WORKER_NAME = 0x2060;

	private static final long WORKER_NAME_BYTES = 0x2070;

	private static final long WEAK = 0x2080;

	private static final long SHARED_BYTES = 0x2090;

	private static final long SHARED_ONE = 0x20A0;

	private static final long SHARED_TWO = 0x20B0;

	private static final long MONITOR = 0x20C0;

	private static final long LONELY = 0x20D0;

	private static final long LONELY_CLASS = 0x1080;

	private static final long RING_CLASS = 0x1090;

	private static final long RING_ONE = 0x20E0;

	private static final long RING_TWO = 0x20F0;

	private static final long SELFISH = 0x2110;

	@TempDir
	Path temp;

	@ParameterizedTest(name = "id size {0}")
	@ValueSource(ints = { 8, 4 })
	void convertsInstancesWithTheirFieldsAndClass(int idSize) throws IOException {
		SnapshotModel snapshot = convert(sample(idSize, HprofTag.HEAP_DUMP_SEGMENT));
		List<Integer> nodes = snapshot.nodes("object", "com.example.Node");
		assertThat(nodes).hasSize(2);
		int first = nodes.stream().filter((node) -> hasEdge(snapshot, node, "next")).findFirst().orElseThrow();
		int second = snapshot.follow(first, "next");
		assertThat(snapshot.name(second)).isEqualTo("com.example.Node");
		// header 12 + reference 4 + int 4, aligned to 8
		assertThat(snapshot.selfSize(first)).isEqualTo(24);
		assertThat(snapshot.edges(first)).extracting(Edge::type, Edge::name)
			.containsExactlyInAnyOrder(tuple("property", "next"), tuple("internal", "<class>"));
		assertThat(snapshot.edges(second)).extracting(Edge::name).containsExactly("<class>");
		int nodeClass = snapshot.follow(first, "<class>");
		assertThat(snapshot.type(nodeClass)).isEqualTo("object shape");
		assertThat(snapshot.name(nodeClass)).isEqualTo("class com.example.Node");
	}

	@ParameterizedTest(name = "id size {0}")
	@ValueSource(ints = { 8, 4 })
	void convertsObjectArraysWithElementEdgesForNonNullSlots(int idSize) throws IOException {
		SnapshotModel snapshot = convert(sample(idSize, HprofTag.HEAP_DUMP_SEGMENT));
		int array = snapshot.node("object", "com.example.Node[]");
		// header 12 + length 4, then four references of 4
		assertThat(snapshot.selfSize(array)).isEqualTo(32);
		assertThat(snapshot.edges(array)).filteredOn((edge) -> edge.type().equals("element"))
			.extracting(Edge::name)
			.containsExactly("0", "2");
		assertThat(snapshot.name(snapshot.follow(array, "0"))).isEqualTo("com.example.Node");
	}

	@Test
	void skipsAClassThatHasNoMirror() throws IOException {
		// HotSpot lists such a class with id 0 when a nearly full heap could not hold its mirror
		HprofBuilder hprof = new HprofBuilder(8);
		hprof.loadClass(1, OBJECT, "java/lang/Object")
			.loadClass(2, NODE, "com/example/Node")
			.loadClass(3, 0, "com/example/Unmirrored");
		hprof.segment((segment) -> segment.classDump(OBJECT, 0, 0, List.of(), List.of())
			.classDump(NODE, OBJECT, 0, List.of(), List.of())
			.classDump(0, OBJECT, 0, List.of(), List.of())
			.rootUnknown(0x5000)
			.instance(0x5000, NODE, segment.values()));
		SnapshotModel snapshot = convert(hprof.end().toByteArray());
		assertThat(snapshot.nodes("object", "com.example.Node")).hasSize(1);
		assertThat(snapshot.strings()).noneMatch((name) -> name.contains("Unmirrored"));
	}

	@Test
	void convertsStringsWithTheirArrayFoldedIn() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		int hello = snapshot.node("string", "hello");
		// String 24 + byte[5] 24
		assertThat(snapshot.selfSize(hello)).isEqualTo(48);
		assertThat(snapshot.edges(hello)).extracting(Edge::name).doesNotContain("value");
		assertThat(snapshot.name(snapshot.follow(snapshot.node("object", "java.lang.Thread"), "name")))
			.isEqualTo("worker");
	}

	@Test
	void decodesUtf16StringsAndEscapesWhatJsonCannotHoldRaw() throws IOException {
		String tricky = "quote \" backslash \\ newline \n tab \t nul \0 euro \u20ac clef \ud834\udd1e lone \ud800.";
		SnapshotModel snapshot = convert(stringDump(tricky), ConversionOptions.DEFAULT_STRING_LIMIT);
		assertThat(snapshot.nodes("string", tricky)).hasSize(1);
		ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(this.temp.resolve("hand-built.heapsnapshot")));
		assertThatNoException().as("strict UTF-8")
			.isThrownBy(() -> StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(file));
	}

	@Test
	void shortensStringValuesToTheLimit() throws IOException {
		String value = "0123456789".repeat(5);
		SnapshotModel snapshot = convert(stringDump(value), 12);
		List<String> names = snapshot.strings().stream().filter((name) -> name.startsWith("0123456789")).toList();
		assertThat(names).singleElement().satisfies((name) -> assertThat(name).startsWith("012345678901").hasSizeLessThan(20));
	}

	@Test
	void keepsAnArraySharedByTwoStringsAsItsOwnNode() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		List<Integer> strings = snapshot.nodes("string", "shared");
		assertThat(strings).hasSize(2);
		int array = snapshot.follow(strings.get(0), "value");
		assertThat(snapshot.follow(strings.get(1), "value")).isEqualTo(array);
		assertThat(snapshot.name(array)).isEqualTo("byte[]");
		assertThat(strings).allSatisfy((string) -> assertThat(snapshot.selfSize(string)).isEqualTo(24));
		assertThat(snapshot.selfSize(array)).isEqualTo(24);
	}

	@Test
	void convertsPrimitiveArrays() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		int ints = snapshot.node("object", "int[]");
		// header 12 + length 4 + 3 ints
		assertThat(snapshot.selfSize(ints)).isEqualTo(32);
		assertThat(snapshot.edges(ints)).isEmpty();
	}

	@Test
	void convertsClassesWithStaticsSuperclassAndLoader() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		int nodeClass = snapshot.node("object shape", "class com.example.Node");
		assertThat(snapshot.name(snapshot.follow(nodeClass, "INSTANCES"))).isEqualTo("com.example.Node[]");
		assertThat(snapshot.name(snapshot.follow(nodeClass, "<super>"))).isEqualTo("class java.lang.Object");
		assertThat(snapshot.edges(nodeClass)).extracting(Edge::name).doesNotContain("COUNT");
		// Class 112 on JDK 17, plus the statics: a reference and an int
		assertThat(snapshot.selfSize(nodeClass)).isEqualTo(120);
	}

	@Test
	void makesTheReferentOfAReferenceWeak() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		int weak = snapshot.node("object", "java.lang.ref.WeakReference");
		assertThat(snapshot.edges(weak)).filteredOn((edge) -> edge.name().equals("referent"))
			.extracting(Edge::type)
			.containsExactly("weak");
	}

	@Test
	void hangsStackLocalsOnTheirThreadNamedByFrame() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		int worker = snapshot.node("object", "java.lang.Thread");
		int local = snapshot.follow(worker, "<local> frame 1: com.example.Node.run(Node.java:42)");
		assertThat(snapshot.name(local)).isEqualTo("com.example.Node");
		// A JNI local of the native top frame
		assertThat(snapshot.edges(worker)).filteredOn((edge) -> edge.name().endsWith(" frame 0: com.example.Node.park(Native Method)"))
			.extracting((edge) -> snapshot.name(edge.to()))
			.containsExactly("hello");
	}

	@ParameterizedTest(name = "tag {0}")
	@ValueSource(ints = { HprofTag.HEAP_DUMP_SEGMENT, HprofTag.HEAP_DUMP })
	void putsEveryRootUnderTheGcRoots(int tag) throws IOException {
		SnapshotModel snapshot = convert(sample(8, tag));
		assertThat(snapshot.type(0)).isEqualTo("synthetic");
		assertThat(snapshot.id(0)).isEqualTo(1);
		int gcRoots = snapshot.follow(0, "1");
		assertThat(snapshot.name(gcRoots)).isEqualTo("(GC roots)");
		assertThat(snapshot.id(gcRoots)).isEqualTo(3);
		List<Integer> categories = snapshot.edges(gcRoots).stream().map(Edge::to).toList();
		assertThat(categories).allSatisfy((category) -> assertThat(snapshot.type(category)).isEqualTo("synthetic"));
		List<String> rooted = categories.stream()
			.flatMap((category) -> snapshot.edges(category).stream())
			.map((edge) -> snapshot.name(edge.to()))
			.toList();
		assertThat(rooted).contains("java.lang.Thread", "com.example.Node[]", "java.lang.ref.WeakReference",
				"class com.example.Node", "java.lang.Object", "int[]");
	}

	@Test
	void keepsObjectsNoRootReachesReachableFromTheRoot() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		int lonely = snapshot.node("object", "com.example.Lonely");
		assertThat(snapshot.distance(lonely)).isPositive();
		assertThat(snapshot.nodes("object", "com.example.Ring")).hasSize(3);
		assertThat(IntStream.range(0, snapshot.nodeCount())
			.filter((node) -> snapshot.distance(node) < 0)
			.mapToObj(snapshot::describe)).as("nodes the root does not reach").isEmpty();
	}

	@Test
	void writesTheLayoutTheConsumersNeed() throws IOException {
		SnapshotModel snapshot = convert(sample(8, HprofTag.HEAP_DUMP_SEGMENT));
		assertThat(snapshot.keys()).containsExactly("snapshot", "nodes", "edges", "trace_function_infos", "trace_tree",
				"samples", "locations", "strings");
		assertThat(snapshot.header().path("node_count").asLong()).isEqualTo(snapshot.nodeCount());
		assertThat(snapshot.header().path("edge_count").asLong()).isEqualTo(snapshot.edgeCount());
		assertThat(snapshot.nodeFieldCount()).isEqualTo(7);
		assertThat(snapshot.rawEdges()).satisfies((edges) -> {
			for (int i = 2; i < edges.length; i += 3) {
				assertThat(edges[i] % 7).isZero();
				assertThat(edges[i]).isLessThan(snapshot.nodeCount() * 7L);
			}
		});
		assertThat(IntStream.range(0, snapshot.nodeCount()).mapToLong((node) -> snapshot.edges(node).size()).sum())
			.isEqualTo(snapshot.edgeCount());
		assertThat(IntStream.range(0, snapshot.nodeCount()).mapToLong(snapshot::id))
			.allMatch((id) -> id % 2 == 1)
			.doesNotHaveDuplicates();
	}

	private boolean hasEdge(SnapshotModel snapshot, int node, String name) {
		return snapshot.edges(node).stream().anyMatch((edge) -> edge.name().equals(name));
	}

	private SnapshotModel convert(byte[] hprof) throws IOException {
		return convert(hprof, ConversionOptions.DEFAULT_STRING_LIMIT);
	}

	private SnapshotModel convert(byte[] hprof, int stringLimit) throws IOException {
		Path input = Files.write(this.temp.resolve("hand-built.hprof"), hprof);
		Path output = this.temp.resolve("hand-built.heapsnapshot");
		ConversionResult result = new HeapSnapshotConverter(ConversionOptions.defaults()
			.withLayout(ObjectLayout.defaults(17))
			.withStringLimit(stringLimit)).convert(input, output);
		SnapshotModel snapshot = SnapshotModel.read(output);
		assertThat(result.nodeCount()).isEqualTo(snapshot.nodeCount());
		assertThat(result.edgeCount()).isEqualTo(snapshot.edgeCount());
		assertThat(result.hprofBytes()).isEqualTo(hprof.length);
		assertThat(result.snapshotBytes()).isEqualTo(Files.size(output));
		return snapshot;
	}

	/**
	 * A small heap with every record and sub-record kind HPROF defines: two nodes, an array
	 * of them with a null and a dangling element, strings (one pair sharing its array), a
	 * thread with two frames, a weak reference, an object only a monitor holds, one that
	 * nothing holds, and two cycles that nothing else holds.
	 */
	static byte[] sample(int idSize, int heapDumpTag) {
		HprofBuilder hprof = new HprofBuilder(idSize);
		hprof.loadClass(1, OBJECT, "java/lang/Object")
			.loadClass(2, STRING, "java/lang/String")
			.loadClass(3, THREAD, "java/lang/Thread")
			.loadClass(4, NODE, "com/example/Node")
			.loadClass(5, NODE_ARRAY, "[Lcom/example/Node;")
			.loadClass(6, BYTE_ARRAY, "[B")
			.loadClass(7, REFERENCE, "java/lang/ref/Reference")
			.loadClass(8, WEAK_REFERENCE, "java/lang/ref/WeakReference")
			.loadClass(9, LONELY_CLASS, "com/example/Lonely")
			.loadClass(11, RING_CLASS, "com/example/Ring")
			// JDK 17 repeats LOAD_CLASS for array classes
			.loadClass(10, NODE_ARRAY, "[Lcom/example/Node;")
			.frame(1, "park", "()V", "Node.java", 4, -3)
			.frame(2, "run", "()V", "Node.java", 4, 42)
			.trace(1, 0)
			.trace(2, 1, 1, 2);
		hprof.heapDump(heapDumpTag, (segment) -> classes(segment));
		hprof.heapDump(heapDumpTag, (segment) -> objects(segment));
		hprof.heapDump(heapDumpTag, (segment) -> segment.rootThreadObject(WORKER, 1, 2)
			.rootJavaFrame(SECOND, 1, 1)
			.rootJniLocal(HELLO, 1, 0)
			.rootJniGlobal(WEAK, 0x9000)
			.rootStickyClass(NODE)
			.rootMonitorUsed(MONITOR)
			.rootUnknown(NODES)
			.rootNativeStack(0x2100, 1)
			.rootThreadBlock(WORKER, 1));
		return hprof.end().toByteArray();
	}

	// Subclasses before their superclasses, as HotSpot mostly writes them
	private static void classes(Segment segment) {
		segment.classDump(WEAK_REFERENCE, REFERENCE, 0, List.of(), List.of())
			.classDump(STRING, OBJECT, 0, List.of(),
					List.of(Field.of("value", Type.OBJECT), Field.of("coder", Type.BYTE), Field.of("hash", Type.INT),
							Field.of("hashIsZero", Type.BOOLEAN)))
			.classDump(THREAD, OBJECT, 0, List.of(), List.of(Field.of("name", Type.OBJECT)))
			.classDump(NODE, OBJECT, 0x3000, List.of(new Field("INSTANCES", Type.OBJECT, NODES),
					new Field("COUNT", Type.INT, 2)), List.of(Field.of("next", Type.OBJECT), Field.of("value", Type.INT)))
			.classDump(NODE_ARRAY, OBJECT, 0x3000, 0, List.of(), List.of())
			.classDump(BYTE_ARRAY, OBJECT, 0, 0, List.of(), List.of())
			.classDump(REFERENCE, OBJECT, 0, List.of(),
					List.of(Field.of("referent", Type.OBJECT), Field.of("queue", Type.OBJECT)))
			.classDump(LONELY_CLASS, OBJECT, 0, List.of(), List.of())
			.classDump(RING_CLASS, OBJECT, 0, List.of(), List.of(Field.of("next", Type.OBJECT)))
			.classDump(OBJECT, 0, 0, List.of(), List.of());
	}

	private static void objects(Segment segment) {
		segment.instance(FIRST, NODE, segment.values().reference(SECOND).primitive(Type.INT, 1))
			.instance(SECOND, NODE, segment.values().reference(0).primitive(Type.INT, 2))
			// The last element points nowhere, as CDS leaves some references: read as null
			.objectArray(NODES, NODE_ARRAY, FIRST, 0, SECOND, 0xBAD0);
		string(segment, HELLO, HELLO_BYTES);
		segment.byteArray(HELLO_BYTES, "hello".getBytes(StandardCharsets.ISO_8859_1));
		segment.instance(WORKER, THREAD, segment.values().reference(WORKER_NAME));
		string(segment, WORKER_NAME, WORKER_NAME_BYTES);
		segment.byteArray(WORKER_NAME_BYTES, "worker".getBytes(StandardCharsets.ISO_8859_1))
			.instance(WEAK, WEAK_REFERENCE, segment.values().reference(FIRST).reference(0))
			.byteArray(SHARED_BYTES, "shared".getBytes(StandardCharsets.ISO_8859_1));
		string(segment, SHARED_ONE, SHARED_BYTES);
		string(segment, SHARED_TWO, SHARED_BYTES);
		segment.instance(MONITOR, OBJECT, segment.values())
			.instance(LONELY, LONELY_CLASS, segment.values())
			.instance(RING_ONE, RING_CLASS, segment.values().reference(RING_TWO))
			.instance(RING_TWO, RING_CLASS, segment.values().reference(RING_ONE))
			.instance(SELFISH, RING_CLASS, segment.values().reference(SELFISH))
			.primitiveArray(0x2100, Type.INT, 3, new byte[] { 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 });
	}

	private static void string(Segment segment, long id, long value) {
		string(segment, id, value, 0);
	}

	private static void string(Segment segment, long id, long value, int coder) {
		segment.instance(id, STRING, segment.values()
			.reference(value)
			.primitive(Type.BYTE, coder)
			.primitive(Type.INT, 0)
			.primitive(Type.BOOLEAN, 0));
	}

	/**
	 * A heap with one UTF-16 string, held by a JNI global, whose bytes are little-endian as
	 * on x86 and aarch64.
	 */
	private static byte[] stringDump(String value) {
		HprofBuilder hprof = new HprofBuilder(8);
		hprof.loadClass(1, OBJECT, "java/lang/Object").loadClass(2, STRING, "java/lang/String");
		hprof.segment((segment) -> {
			segment.classDump(OBJECT, 0, 0, List.of(), List.of())
				.classDump(STRING, OBJECT, 0, List.of(), List.of(Field.of("value", Type.OBJECT),
						Field.of("coder", Type.BYTE), Field.of("hash", Type.INT), Field.of("hashIsZero", Type.BOOLEAN)));
			string(segment, HELLO, HELLO_BYTES, 1);
			// char by char: an encoder would replace the unpaired surrogate
			byte[] bytes = new byte[value.length() * 2];
			for (int i = 0; i < value.length(); i++) {
				bytes[2 * i] = (byte) value.charAt(i);
				bytes[2 * i + 1] = (byte) (value.charAt(i) >> 8);
			}
			segment.byteArray(HELLO_BYTES, bytes).rootJniGlobal(HELLO, 0x9000);
		});
		return hprof.end().toByteArray();
	}

}
