package io.github.v8heapsnapshot.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.v8heapsnapshot.convert.ObjectIdStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@link HeapSnapshotCommand}: this test JVM dumps its own heap, the
 * command converts it, and Jackson reads the snapshot back.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotCommandTests {

	@TempDir
	static Path directory;

	static Path hprof;

	static Object kept;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final HeapSnapshotCommand command = new HeapSnapshotCommand(
			new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8));

	@BeforeAll
	static void dumpThisJvm() throws IOException {
		kept = new Marker("end-to-end-\u00e9\u20ac", new Marker[] { new Marker("child", null) });
		hprof = directory.resolve("self.hprof");
		ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(hprof.toString(), true);
	}

	@Test
	void convertsADumpOfThisJvm() throws IOException {
		Path snapshot = directory.resolve("self.heapsnapshot");
		int status = this.command.run("--java-version", Integer.toString(Runtime.version().feature()),
				hprof.toString());
		assertThat(status).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Wrote " + snapshot);
		JsonNode root = JsonMapper.builder().build().readTree(snapshot.toFile());
		List<String> keys = new ArrayList<>();
		root.propertyNames().forEach(keys::add);
		assertThat(keys).containsExactly("snapshot", "nodes", "edges", "trace_function_infos", "trace_tree", "samples",
				"locations", "strings");
		JsonNode meta = root.path("snapshot").path("meta");
		int nodeFields = meta.path("node_fields").size();
		assertThat(nodeFields).isEqualTo(7);
		long nodeCount = root.path("snapshot").path("node_count").asLong();
		long edgeCount = root.path("snapshot").path("edge_count").asLong();
		JsonNode nodes = root.path("nodes");
		JsonNode edges = root.path("edges");
		JsonNode strings = root.path("strings");
		assertThat(nodes.size()).isEqualTo(nodeCount * nodeFields);
		assertThat(edges.size()).isEqualTo(edgeCount * 3);
		long edgeSum = 0;
		List<String> names = new ArrayList<>();
		for (int node = 0; node < nodeCount; node++) {
			edgeSum += nodes.get(node * nodeFields + 4).asLong();
			assertThat(nodes.get(node * nodeFields + 2).asLong()).isEqualTo(2L * node + 1);
			names.add(strings.get(nodes.get(node * nodeFields + 1).asInt()).asString());
		}
		assertThat(edgeSum).isEqualTo(edgeCount);
		for (int edge = 0; edge < edgeCount; edge++) {
			long toNode = edges.get(edge * 3 + 2).asLong();
			assertThat(toNode % nodeFields).isZero();
			assertThat(toNode / nodeFields).isLessThan(nodeCount);
		}
		assertThat(names.subList(0, 2)).containsExactly("", "(GC roots)");
		assertThat(names).contains(Marker.class.getName(), Marker.class.getName() + "[]",
				"class " + Marker.class.getName(), "end-to-end-\u00e9\u20ac", "(System classes)", "(Thread objects)");
		assertThat(Files.readString(snapshot, StandardCharsets.ISO_8859_1)).contains("end-to-end-\\u00e9\\u20ac")
			.endsWith("]}\n");
	}

	@Test
	void refusesABrokenDumpWithOneLineAndStatusOne() throws IOException {
		Path broken = directory.resolve("broken.hprof");
		Files.write(broken, Arrays.copyOf(Files.readAllBytes(hprof), 4000));
		assertThat(this.command.run(broken.toString(), directory.resolve("broken.heapsnapshot").toString())).isOne();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("v8heapsnapshot: Truncated ")
			.contains(" at offset ")
			.hasLineCount(1);
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch((name) -> name.startsWith("broken")
					&& !name.endsWith(".hprof"));
		}
	}

	@Test
	void printsTheObjectIdStatisticsForProgramsWhenAsked() {
		Path table = directory.resolve("machine.ids");
		List<ObjectIdStatistics> reported = new ArrayList<>();
		for (String name : List.of("first", "second")) {
			this.out.reset();
			this.err.reset();
			int status = this.command.run("--ids", table.toString(), "--machine-readable", hprof.toString(),
					directory.resolve(name + ".heapsnapshot").toString());
			assertThat(status).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
			String line = this.out.toString(StandardCharsets.UTF_8);
			assertThat(line).startsWith("v8heapsnapshot-object-ids: nodes=").hasLineCount(1);
			reported.add(ObjectIdStatisticsLine.find(line).orElseThrow());
		}
		ObjectIdStatistics first = reported.get(0);
		ObjectIdStatistics second = reported.get(1);
		assertThat(first.nodes()).isGreaterThan(10_000);
		assertThat(first.previousNodes()).isZero();
		// The same dump again: every object is where it was
		assertThat(second).isEqualTo(new ObjectIdStatistics(first.nodes(), first.nodes(), first.nodes(), 0, 0));
		// The line for people says the same
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains(String.format(Locale.ROOT,
				"Object ids: %,d of the dump's %,d objects kept theirs from the previous dump's %,d (%,d by address",
				first.nodes(), first.nodes(), first.nodes(), first.nodes()));
	}

	@Test
	void printsNoObjectIdStatisticsForProgramsUnlessAsked() {
		assertThat(this.command.run("--ids", directory.resolve("people.ids").toString(), hprof.toString(),
				directory.resolve("people.heapsnapshot").toString())).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Object ids: the dump's ");
	}

	@Test
	void stopsWithoutOutputWhenTheParentProcessHasEnded() throws Exception {
		Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-version").start();
		ended.waitFor();
		Path snapshot = directory.resolve("orphan.heapsnapshot");
		assertThat(this.command.run("--parent-pid", Long.toString(ended.pid()), hprof.toString(),
				snapshot.toString())).isOne();
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("v8heapsnapshot: process " + ended.pid() + " ended, stopping the conversion");
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch((name) -> name.contains("orphan"));
		}
	}

	@Test
	void refusesWrongUsageWithStatusTwo() {
		assertThat(this.command.run("--no-such-option", "x.hprof")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Unknown option --no-such-option");
	}

	@Test
	void printsTheHelp() {
		assertThat(this.command.run("--help")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar v8heapsnapshot-cli.jar");
	}

	/**
	 * An object graph the test looks for in the snapshot.
	 */
	record Marker(String label, Marker[] children) {

	}

}
