package io.github.v8heapsnapshot.ids;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObjectIds} on two real dumps of one child JVM, between which survivors
 * stay in a map that grows and newcomers join it: every survivor keeps its id and every
 * newcomer gets a larger id than any of the first snapshot, but for the rare objects that a
 * compacting collector moves onto each other's addresses. Reflection data, which no root
 * reaches in a dump, keeps its ids too.
 *
 * @author v8heapsnapshot developers
 */
class ObjectIdsRealDumpTests {

	private static final String ITEM = TwoDumps.Item.class.getName();

	@TempDir
	Path temp;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseSerialGC" })
	void survivorsKeepTheirIdsAndNewcomersGetLargerOnes(String collector) throws Exception {
		Path first = this.temp.resolve("first.hprof");
		Path second = this.temp.resolve("second.hprof");
		dumpTwice(collector, first, second);
		Path table = this.temp.resolve("ids");
		SnapshotModel earlier = convert(first, table);
		SnapshotModel after = convert(second, table);
		Map<String, Long> before = itemIds(earlier);
		Map<String, Long> now = itemIds(after);
		assertThat(before).hasSize(TwoDumps.SURVIVORS);
		assertThat(now).hasSize(TwoDumps.SURVIVORS + TwoDumps.NEWCOMERS);
		long firstMax = before.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		List<String> changed = new ArrayList<>();
		before.forEach((name, id) -> {
			if (!id.equals(now.get(name))) {
				changed.add(name);
			}
		});
		List<String> older = new ArrayList<>();
		now.forEach((name, id) -> {
			if (name.startsWith("newcomer-") && id <= firstMax) {
				older.add(name);
			}
		});
		// A collector that compacts everything can put a newcomer of the same class where a
		// survivor was: the address then hands it the survivor's id (docs/object-ids.md)
		int tolerated = collector.equals("-XX:+UseG1GC") ? 0 : TwoDumps.SURVIVORS / 200;
		assertThat(changed).as("survivors whose id changed").hasSizeLessThanOrEqualTo(tolerated);
		assertThat(older).as("newcomers with an id of the first snapshot").hasSizeLessThanOrEqualTo(tolerated);
		assertThat(overloadIds(after)).hasSize(TwoDumps.Overloads.COUNT).isEqualTo(overloadIds(earlier));
	}

	private void dumpTwice(String collector, Path first, Path second) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, collector, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				TwoDumps.class.getName(), first.toString(), second.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("child.log").toFile())
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
		assertThat(process.exitValue()).as("the child JVM's exit status").isZero();
	}

	private SnapshotModel convert(Path hprof, Path table) throws IOException {
		Path snapshot = this.temp.resolve(hprof.getFileName() + ".heapsnapshot");
		new HeapSnapshotConverter(ConversionOptions.defaults()
			.withLayout(ObjectLayout.ofRunningJvm())
			.withObjectIds(table)).convert(hprof, snapshot);
		return SnapshotModel.read(snapshot);
	}

	// The id of each method of Overloads by its parameter's class
	private static Map<String, Long> overloadIds(SnapshotModel snapshot) {
		Map<String, Long> ids = new HashMap<>();
		for (int node : snapshot.nodes("object", Method.class.getName())) {
			if (snapshot.name(snapshot.follow(node, "clazz")).endsWith(TwoDumps.Overloads.class.getName())) {
				int parameter = snapshot.follow(snapshot.follow(node, "parameterTypes"), "0");
				ids.put(snapshot.name(parameter), snapshot.id(node));
			}
		}
		return ids;
	}

	// Each item's id by its name, the value of the String its name field holds
	private static Map<String, Long> itemIds(SnapshotModel snapshot) {
		Map<String, Long> ids = new HashMap<>();
		for (int node : snapshot.nodes("object", ITEM)) {
			ids.put(snapshot.name(snapshot.follow(node, "name")), snapshot.id(node));
		}
		return ids;
	}

}
