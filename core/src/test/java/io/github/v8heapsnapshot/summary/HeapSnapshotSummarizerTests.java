package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.v8heapsnapshot.summary.HeapSummary.ClassEntry;
import io.github.v8heapsnapshot.summary.HeapSummary.DuplicatedString;
import io.github.v8heapsnapshot.summary.HeapSummary.PathStep;
import io.github.v8heapsnapshot.summary.HeapSummary.Retainer;
import io.github.v8heapsnapshot.summary.HeapSummary.TypeTotal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link HeapSnapshotSummarizer} on hand-built snapshots whose dominators are
 * known.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotSummarizerTests {

	@TempDir
	Path temp;

	private Path scratch;

	private HeapSnapshotSummarizer summarizer;

	@BeforeEach
	void createSummarizer() throws IOException {
		this.scratch = Files.createDirectory(this.temp.resolve("scratch"));
		this.summarizer = new HeapSnapshotSummarizer(SummaryOptions.defaults().withTempDirectory(this.scratch));
	}

	@AfterEach
	void scratchFilesAreDeleted() throws IOException {
		try (Stream<Path> files = Files.list(this.scratch)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void retainedSizesOfAnOwnedStructure() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		int owner = snapshot.node("object", "com.example.Owner", 32);
		int array = snapshot.node("object", "com.example.Item[]", 24);
		int onlyInArray = snapshot.node("object", "com.example.Item", 16);
		int alsoGlobal = snapshot.node("object", "com.example.Item", 16);
		int name = snapshot.node("string", "owner", 40);
		snapshot.edge(roots, "internal", "owner global", owner)
			.edge(roots, "internal", "item global", alsoGlobal)
			.edge(owner, "property", "items", array)
			.edge(owner, "property", "name", name)
			.edge(owner, "property", "self", owner)
			.edge(array, "element", "0", onlyInArray)
			.edge(array, "element", "1", alsoGlobal)
			.edge(alsoGlobal, "weak", "referent", name)
			.edge(onlyInArray, "shortcut", "name", name);
		HeapSummary summary = summarize(snapshot);
		assertThat(summary.classes()).extracting(ClassEntry::name, ClassEntry::count, ClassEntry::shallowBytes,
				ClassEntry::retainedBytes)
			.containsExactly(tuple("com.example.Owner", 1L, 32L, 32L + 24 + 16 + 40), tuple("(string)", 1L, 40L, 40L),
					tuple("com.example.Item[]", 1L, 24L, 40L), tuple("com.example.Item", 2L, 32L, 32L));
		assertThat(summary.totals()).extracting("nodes", "edges", "objects", "shallowBytes")
			.containsExactly(7L, 10L, 5L, 128L);
		assertThat(summary.totals().byType()).containsExactly(new TypeTotal("string", 1, 40),
				new TypeTotal("object", 4, 88), new TypeTotal("synthetic", 2, 0));
		assertThat(summary.retainers()).extracting(Retainer::name, Retainer::retainedBytes)
			.containsExactly(tuple("com.example.Owner", 112L), tuple("com.example.Item[]", 40L), tuple("(string)", 40L),
					tuple("com.example.Item", 16L), tuple("com.example.Item", 16L));
		assertThat(summary.retainers().get(0).path()).containsExactly(new PathStep("(GC roots)", null),
				new PathStep("com.example.Owner", "owner global"));
	}

	@Test
	void anInstanceInsideAnotherOfItsClassAddsNothingToTheClass() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		int outer = snapshot.node("object", "A", 10);
		int middle = snapshot.node("object", "B", 20);
		int inner = snapshot.node("object", "A", 30);
		int leaf = snapshot.node("object", "C", 5);
		int other = snapshot.node("object", "A", 7);
		snapshot.edge(roots, "internal", "1", outer)
			.edge(roots, "internal", "2", other)
			.edge(outer, "property", "b", middle)
			.edge(middle, "property", "a", inner)
			.edge(inner, "property", "c", leaf);
		Map<String, Long> retained = summarize(snapshot).classes()
			.stream()
			.collect(Collectors.toMap(ClassEntry::name, ClassEntry::retainedBytes));
		assertThat(retained).containsExactlyInAnyOrderEntriesOf(Map.of("A", 65L + 7, "B", 55L, "C", 5L));
	}

	@Test
	void aChainOfAMillionObjectsIsWalkedWithoutRecursion() throws IOException {
		int length = 1_000_000;
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int previous = gcRoots(snapshot);
		for (int i = 0; i < length; i++) {
			int link = snapshot.node("object", "java.util.LinkedList$Node", 24);
			snapshot.edge(previous, i == 0 ? "internal" : "property", "next", link);
			if (i > 0) {
				snapshot.edge(link, "property", "prev", previous);
			}
			previous = link;
		}
		HeapSummary summary = summarize(snapshot);
		assertThat(summary.classes()).singleElement()
			.isEqualTo(new ClassEntry("java.util.LinkedList$Node", length, 24L * length, 24L * length));
		assertThat(summary.retainers()).hasSize(1);
		assertThat(summary.retainers().get(0).retainedBytes()).isEqualTo(24L * length);
	}

	@Test
	void nodesTheRootDoesNotReachAreHungUnderIt() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		int orphan = snapshot.node("object", "Orphan", 8);
		int child = snapshot.node("object", "Child", 4);
		int cycleA = snapshot.node("object", "Cycle", 2);
		int cycleB = snapshot.node("object", "Cycle", 2);
		int holder = snapshot.node("object", "Holder", 10);
		int held = snapshot.node("object", "Held", 5);
		snapshot.edge(orphan, "property", "child", child)
			.edge(cycleA, "property", "b", cycleB)
			.edge(cycleB, "property", "a", cycleA)
			.edge(roots, "internal", "holder", holder)
			.edge(holder, "property", "held", held)
			.edge(cycleA, "property", "held", held);
		HeapSummary summary = summarize(snapshot);
		assertThat(summary.totals().shallowBytes()).isEqualTo(31);
		// As in DevTools, a cycle hung under the root does not take what it refers to from
		// the holder that the root reaches
		assertThat(summary.classes()).extracting(ClassEntry::name, ClassEntry::retainedBytes)
			.containsExactly(tuple("Holder", 15L), tuple("Orphan", 12L), tuple("Held", 5L), tuple("Child", 4L),
					tuple("Cycle", 4L));
	}

	@Test
	void readsTheLayoutOfCurrentV8() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		int global = snapshot.node("object", "Window", 100);
		int map = snapshot.node("object", "Map", 50);
		int table = snapshot.node("array", "(object elements)", 30);
		int value = snapshot.node("object", "Value", 20);
		int element = snapshot.node("object", "<div id=\"a\">", 10);
		snapshot.edge(snapshot.root(), "shortcut", "global", global)
			.edge(roots, "internal", "1", map)
			.edge(global, "property", "m", map)
			.edge(map, "internal", "table", table)
			.edge(table, "internal",
					"1 / part of key (Key @3) -> value (Value @11) pair in WeakMap (table @" + (2 * table + 1) + ")", value)
			.edge(roots, "internal", "2", value)
			.edge(global, "property", "el", element);
		HeapSummary summary = summarize(snapshot, true);
		// The global object is page-owned: edges from outside the page into it do not count,
		// the WeakMap half of the ephemeron pair does not either, and the table's size moves
		// into the map that alone holds it
		assertThat(summary.classes()).extracting(ClassEntry::name, ClassEntry::shallowBytes, ClassEntry::retainedBytes)
			.containsExactly(tuple("Window", 100L, 190L), tuple("Map", 80L, 80L), tuple("Value", 20L, 20L),
					tuple("<div>", 10L, 10L));
	}

	@Test
	void duplicatedStringsByWastedBytes() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		for (String value : new String[] { "alice", "alice", "alice", "bob", "bob", "ünïcödé\n", "ünïcödé\n", "carol" }) {
			snapshot.edge(roots, "internal", "s", snapshot.node("string", value, value.length() * 8L));
		}
		snapshot.edge(roots, "internal", "s", snapshot.node("string", "carol", 0));
		assertThat(summarize(snapshot).duplicatedStrings()).containsExactly(new DuplicatedString("alice", 3, 40, 80),
				new DuplicatedString("ünïcödé\n", 2, 64, 64), new DuplicatedString("bob", 2, 24, 24));
	}

	@Test
	void aChainOfContainersIsReportedByItsHead() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		int loader = snapshot.node("object", "Loader", 40);
		int list = snapshot.node("object", "java.util.ArrayList", 24);
		int array = snapshot.node("object", "java.lang.Object[]", 1000);
		int type = snapshot.node("object shape", "class Cache", 8);
		int map = snapshot.node("object", "java.util.HashMap", 48);
		int table = snapshot.node("object", "java.util.HashMap$Node[]", 4000);
		snapshot.edge(roots, "internal", "loader", loader)
			.edge(loader, "property", "classes", list)
			.edge(list, "property", "elementData", array)
			.edge(array, "element", "7", type)
			.edge(type, "property", "entries", map)
			.edge(map, "property", "table", table);
		assertThat(summarize(snapshot).retainers()).extracting(Retainer::name, Retainer::retainedBytes)
			.containsExactly(tuple("Loader", 5120L), tuple("java.util.HashMap", 4048L));
		assertThat(summarize(snapshot).retainers().get(1).path()).extracting(PathStep::node, PathStep::edge)
			.containsExactly(tuple("(GC roots)", null), tuple("Loader", "loader"), tuple("java.util.ArrayList", "classes"),
					tuple("java.lang.Object[]", "elementData"), tuple("class Cache", "[7]"),
					tuple("java.util.HashMap", "entries"));
	}

	@Test
	void aSnapshotBeyondTheLimitIsUnavailable() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		gcRoots(snapshot);
		Path file = snapshot.write(this.temp.resolve("small.heapsnapshot"));
		HeapSummary summary = new HeapSnapshotSummarizer(
				SummaryOptions.defaults().withTempDirectory(this.scratch).withMaxScratchBytes(100))
			.summarize(file);
		assertThat(summary.state()).isEqualTo(HeapSummary.UNAVAILABLE);
		assertThat(summary.reason()).contains("2 nodes and 1 edges").contains("more than the limit");
		assertThat(summary.totals()).isNull();
		assertThat(summary.classes()).isNull();
	}

	@Test
	void brokenFilesGetAClearError() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		snapshot.edge(roots, "internal", "x", snapshot.node("object", "X", 8));
		String text = Files.readString(snapshot.write(this.temp.resolve("good.heapsnapshot")));
		assertThat(errorFor(text.substring(0, text.length() / 2))).contains("ends inside");
		assertThat(errorFor("not json")).contains("Not a heap snapshot");
		assertThat(errorFor(text.replace("\"nodes\":[9,", "\"nodes\":[-9,"))).contains("Expected an unsigned integer");
		assertThat(errorFor(text.replace("\"edge_count\":2", "\"edge_count\":3"))).contains("declares");
		assertThat(errorFor(text.replace("\"edges\":[1,1,7", "\"edges\":[1,1,8"))).contains("invalid to_node");
		assertThat(errorFor(text.replace("\"node_fields\":[\"type\"", "\"node_fields\":[\"kind\""))).contains("'type'");
	}

	@Test
	void anInterruptStopsTheSummary() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		gcRoots(snapshot);
		Path file = snapshot.write(this.temp.resolve("interrupted.heapsnapshot"));
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedIOException.class).isThrownBy(() -> this.summarizer.summarize(file));
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void serializesToTheShapeOfTheEndpointsJson() throws IOException {
		SnapshotBuilder snapshot = new SnapshotBuilder();
		int roots = gcRoots(snapshot);
		snapshot.edge(roots, "internal", "a", snapshot.node("string", "a", 16))
			.edge(roots, "internal", "b", snapshot.node("string", "a", 16));
		JsonNode json = JsonMapper.builder().build().valueToTree(summarize(snapshot));
		assertThat(json.propertyNames()).containsExactly("name", "state", "reason", "totals", "classes", "retainers",
				"duplicatedStrings");
		assertThat(json.path("totals").propertyNames()).containsExactly("nodes", "edges", "objects", "shallowBytes",
				"byType");
		assertThat(json.path("totals").path("byType").path(0).propertyNames()).containsExactly("type", "count",
				"shallowBytes");
		assertThat(json.path("classes").path(0).propertyNames()).containsExactly("name", "count", "shallowBytes",
				"retainedBytes");
		assertThat(json.path("retainers").path(0).propertyNames()).containsExactly("id", "name", "shallowBytes",
				"retainedBytes", "path");
		assertThat(json.path("retainers").path(0).path("path").path(0).propertyNames()).containsExactly("node", "edge");
		assertThat(json.path("duplicatedStrings").path(0).propertyNames()).containsExactly("value", "count", "size",
				"wastedBytes");
	}

	private String errorFor(String content) throws IOException {
		Path file = Files.writeString(this.temp.resolve("broken.heapsnapshot"), content, StandardCharsets.UTF_8);
		return assertThatExceptionOfType(SnapshotFormatException.class).isThrownBy(() -> this.summarizer.summarize(file))
			.actual()
			.getMessage();
	}

	private static int gcRoots(SnapshotBuilder snapshot) {
		int roots = snapshot.node("synthetic", "(GC roots)", 0);
		snapshot.edge(snapshot.root(), "element", "1", roots);
		return roots;
	}

	private HeapSummary summarize(SnapshotBuilder snapshot) throws IOException {
		return summarize(snapshot, false);
	}

	private HeapSummary summarize(SnapshotBuilder snapshot, boolean v8Layout) throws IOException {
		HeapSummary summary = this.summarizer.summarize(snapshot.write(this.temp.resolve("test.heapsnapshot"), v8Layout));
		assertThat(summary.state()).isEqualTo(HeapSummary.READY);
		assertThat(summary.name()).isEqualTo("test.heapsnapshot");
		return summary;
	}

}
