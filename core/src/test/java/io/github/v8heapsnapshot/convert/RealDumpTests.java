package io.github.v8heapsnapshot.convert;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.github.v8heapsnapshot.convert.FixtureConversions.Converted;
import io.github.v8heapsnapshot.convert.FixtureConversions.Jvm;
import io.github.v8heapsnapshot.testing.FixtureDump;
import io.github.v8heapsnapshot.testing.FixtureHeap;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import io.github.v8heapsnapshot.testing.SnapshotModel.Edge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link HeapSnapshotConverter} on real heap dumps of the {@link FixtureHeap},
 * taken by JDK 17 and 25 with several object layouts, against what the dumping JVM recorded
 * with JOL.
 *
 * @author v8heapsnapshot developers
 */
class RealDumpTests {

	private static final String FIXTURE = FixtureHeap.class.getName();

	private static final List<Jvm> JVMS = FixtureConversions.JVMS;

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void countsEveryFixtureClassExactly(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		List<String> counted = converted.dump().truth().stringPropertyNames().stream()
			.filter((key) -> key.startsWith("count."))
			.toList();
		assertThat(counted).hasSize(11);
		assertThat(counted).allSatisfy((key) -> assertThat(snapshot.nodes("object", key.substring(6)))
			.as(key)
			.hasSize((int) converted.dump().longValue(key)));
		assertThat(converted.result().nodeCount()).isEqualTo(snapshot.nodeCount());
		assertThat(converted.result().edgeCount()).isEqualTo(snapshot.edgeCount());
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void givesInstancesTheShallowSizeJolMeasured(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		FixtureDump dump = converted.dump();
		int items = statics(snapshot, "items");
		int item = snapshot.nodes("object", FIXTURE + "$Item").get(0);
		assertThat(snapshot.selfSize(item)).isEqualTo(dump.longValue("size.item"));
		assertThat(snapshot.selfSize(items)).isEqualTo(dump.longValue("size.itemList"));
		assertThat(snapshot.selfSize(statics(snapshot, "texts"))).isEqualTo(dump.longValue("size.texts"));
		assertThat(snapshot.selfSize(statics(snapshot, "shared"))).isEqualTo(dump.longValue("size.shared"));
		assertThat(snapshot.selfSize(statics(snapshot, "arrays"))).isEqualTo(dump.longValue("size.arrays"));
		assertThat(snapshot.selfSize(statics(snapshot, "target"))).isEqualTo(dump.longValue("size.weakTarget"));
		assertThat(snapshot.selfSize(statics(snapshot, "weak"))).isEqualTo(dump.longValue("size.weakReference"));
		assertThat(snapshot.selfSize(snapshot.node("object", FIXTURE + "$Marker"))).isEqualTo(dump.longValue("size.marker"));
		assertThat(snapshot.selfSize(snapshot.node("object", FIXTURE + "$RegisteredEntry")))
			.isEqualTo(dump.longValue("size.entry"));
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void givesArraysTheShallowSizeJolMeasured(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		int arrays = statics(snapshot, "arrays");
		for (String field : List.of("mixed", "booleans", "bytes", "chars", "shorts", "ints", "longs", "floats",
				"doubles")) {
			int array = snapshot.follow(arrays, field);
			assertThat(snapshot.selfSize(array)).as(field).isEqualTo(converted.dump().longValue("size." + field));
		}
		assertThat(List.of("booleans", "bytes", "chars", "shorts", "ints", "longs", "floats", "doubles"))
			.extracting((field) -> snapshot.name(snapshot.follow(arrays, field)))
			.containsExactly("boolean[]", "byte[]", "char[]", "short[]", "int[]", "long[]", "float[]", "double[]");
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void readsArraysBiggerThanASegment(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		int big = statics(snapshot, "big");
		int bytes = snapshot.follow(big, "bytes");
		assertThat(snapshot.selfSize(bytes)).isEqualTo(converted.dump().longValue("size.bigBytes"));
		int slots = snapshot.follow(big, "slots");
		assertThat(snapshot.selfSize(slots)).isEqualTo(converted.dump().longValue("size.bigSlots"));
		int slot = snapshot.node("object", FIXTURE + "$Slot");
		assertThat(snapshot.edges(slots)).filteredOn((edge) -> edge.type().equals("element"))
			.hasSize(FixtureHeap.SLOT_COUNT)
			.allSatisfy((edge) -> assertThat(edge.to()).isEqualTo(slot));
		assertThat(snapshot.dominator(slot)).isEqualTo(slots);
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void decodesStringValues(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		FixtureDump dump = converted.dump();
		int texts = statics(snapshot, "texts");
		for (String field : List.of("latin1", "utf16", "supplementary")) {
			int string = snapshot.follow(texts, field);
			assertThat(snapshot.type(string)).isEqualTo("string");
			assertThat(snapshot.name(string)).isEqualTo(dump.value("text." + field));
			// The String and its value array, folded into one node
			assertThat(snapshot.selfSize(string)).as(field).isEqualTo(dump.longValue("total." + field));
		}
		int label = snapshot.follow(snapshot.nodes("object", FIXTURE + "$Item").get(0), "label");
		assertThat(snapshot.name(label)).startsWith("item-");
		assertThat(snapshot.selfSize(label)).isEqualTo(dump.longValue("total.label0"));
		int mixed = snapshot.follow(statics(snapshot, "arrays"), "mixed");
		assertThat(snapshot.name(snapshot.follow(mixed, "2"))).isEqualTo(dump.value("text.mixed"));
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void keepsAnArraySharedByTwoStrings(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		int shared = statics(snapshot, "shared");
		int first = snapshot.follow(shared, "first");
		int second = snapshot.follow(shared, "second");
		assertThat(first).isNotEqualTo(second);
		assertThat(List.of(snapshot.name(first), snapshot.name(second))).containsOnly(converted.dump().value("text.shared"));
		assertThat(snapshot.selfSize(first)).isEqualTo(converted.dump().longValue("size.sharedString"));
		int array = snapshot.follow(first, "value");
		assertThat(snapshot.follow(second, "value")).isEqualTo(array);
		assertThat(snapshot.name(array)).isEqualTo("byte[]");
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void namesEdgesByFieldElementAndKind(Jvm jvm) {
		SnapshotModel snapshot = FixtureConversions.of(jvm).snapshot();
		int list = snapshot.follow(statics(snapshot, "items"), "items");
		assertThat(snapshot.name(list)).isEqualTo("java.util.ArrayList");
		int elements = snapshot.follow(list, "elementData");
		assertThat(snapshot.name(elements)).isEqualTo("java.lang.Object[]");
		assertThat(snapshot.edges(elements)).filteredOn((edge) -> edge.type().equals("element"))
			.hasSize(FixtureHeap.ITEM_COUNT)
			.extracting((edge) -> snapshot.name(edge.to()))
			.containsOnly(FIXTURE + "$Item");
		int last = snapshot.follow(elements, Integer.toString(FixtureHeap.ITEM_COUNT - 1));
		assertThat(snapshot.edges(last)).extracting(Edge::type, Edge::name)
			.containsExactlyInAnyOrder(tuple("property", "previous"),
					tuple("property", "label"),
					tuple("internal", "<class>"));
		assertThat(snapshot.name(snapshot.follow(last, "<class>"))).isEqualTo("class " + FIXTURE + "$Item");
		int mixed = snapshot.follow(statics(snapshot, "arrays"), "mixed");
		assertThat(snapshot.edges(mixed)).filteredOn((edge) -> edge.type().equals("element"))
			.extracting(Edge::name)
			.containsExactly("0", "2");
		int registry = snapshot.node("object shape", "class " + FIXTURE + "$Registry");
		int entries = snapshot.follow(registry, "ENTRIES");
		assertThat(snapshot.name(snapshot.follow(snapshot.follow(entries, "elementData"), "0")))
			.isEqualTo(FIXTURE + "$RegisteredEntry");
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void makesTheReferentOfAWeakReferenceWeak(Jvm jvm) {
		SnapshotModel snapshot = FixtureConversions.of(jvm).snapshot();
		int weak = statics(snapshot, "weak");
		assertThat(snapshot.name(weak)).isEqualTo("java.lang.ref.WeakReference");
		assertThat(snapshot.edges(weak)).filteredOn((edge) -> edge.name().equals("referent"))
			.extracting(Edge::type, (edge) -> snapshot.name(edge.to()))
			.containsExactly(tuple("weak", FIXTURE + "$WeakTarget"));
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void hangsAStackLocalOnItsThreadNamedByFrame(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		int worker = IntStream.range(0, snapshot.nodeCount())
			.filter((node) -> snapshot.type(node).equals("object") && snapshot.edges(node)
				.stream()
				.anyMatch((edge) -> edge.name().equals("name") && snapshot.name(edge.to()).equals("fixture-worker")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No thread named fixture-worker"));
		String frame = "<local> frame " + converted.dump().value("frame.index") + ": "
				+ converted.dump().value("frame.name");
		int local = snapshot.follow(worker, frame);
		assertThat(snapshot.name(local)).isEqualTo(FIXTURE + "$StackLocal");
		assertThat(snapshot.dominator(local)).isEqualTo(worker);
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void hangsALocalOfAParkedVirtualThreadOnIt(Jvm jvm) {
		assumeTrue(jvm.feature() >= 21, "no virtual threads before JDK 21");
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		int local = snapshot.node("object", FIXTURE + "$VirtualLocal");
		// The dump lists frames of the virtual thread's continuation that getStackTrace() hides
		assertThat(snapshot.retainers(local)).singleElement().satisfies((edge) -> {
			assertThat(snapshot.name(edge.from())).isEqualTo("java.lang.VirtualThread");
			assertThat(edge.name()).matches("<local> frame \\d+: " + Pattern.quote(converted.dump().value("virtualFrame.name")));
		});
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void retainsWhatJolCountsBehindEachHolder(Jvm jvm) {
		Converted converted = FixtureConversions.of(jvm);
		SnapshotModel snapshot = converted.snapshot();
		int fixtureClass = snapshot.node("object shape", "class " + FIXTURE);
		for (String holder : List.of("items", "texts", "shared", "arrays", "big")) {
			int node = snapshot.follow(fixtureClass, holder);
			assertThat(snapshot.dominator(node)).as(holder).isEqualTo(fixtureClass);
			assertThat(snapshot.retainedSize(node)).as(holder).isEqualTo(converted.dump().longValue("total." + holder));
		}
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void reachesEveryNodeFromTheRoot(Jvm jvm) {
		SnapshotModel snapshot = FixtureConversions.of(jvm).snapshot();
		assertThat(IntStream.range(0, snapshot.nodeCount()).filter((node) -> snapshot.distance(node) < 0)
			.mapToObj(snapshot::describe)
			.limit(10)).isEmpty();
	}

	private static int statics(SnapshotModel snapshot, String field) {
		return snapshot.follow(snapshot.node("object shape", "class " + FIXTURE), field);
	}

}
