package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.v8heapsnapshot.convert.FixtureConversions.Jvm;
import io.github.v8heapsnapshot.testing.FixtureDump;
import io.github.v8heapsnapshot.testing.JdkClassesHeap;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that {@link HeapSnapshotConverter} gives an instance of every concrete class of
 * {@code java.base} the size its JVM gives it, fields the JVM injects and
 * {@code @Contended} padding included, on JDK 17 and 25 with several object layouts.
 *
 * @author v8heapsnapshot developers
 */
class JdkClassSizesTests {

	private static final List<Jvm> JVMS = FixtureConversions.JVMS;

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@FieldSource("JVMS")
	void givesEveryJavaBaseClassTheSizeOfItsJvm(Jvm jvm) throws IOException {
		Path java = FixtureDump.java(jvm.feature()).orElse(null);
		assumeTrue(java != null, () -> "JDK " + jvm.feature() + " is not installed");
		FixtureDump dump = FixtureDump.take(JdkClassesHeap.class, java, this.directory, jvm.flags());
		Path file = this.directory.resolve("jdk.heapsnapshot");
		new HeapSnapshotConverter(ConversionOptions.defaults().withLayout(dump.layout())).convert(dump.hprof(), file);
		Map<String, Set<Long>> sizes = objectSizesByName(SnapshotModel.read(file));
		Map<String, String> differences = new TreeMap<>();
		int compared = 0;
		for (String key : dump.truth().stringPropertyNames()) {
			if (!key.startsWith("size.")) {
				continue;
			}
			String name = key.substring(5);
			Set<Long> converted = sizes.getOrDefault(name, Set.of());
			long expected = dump.longValue(key);
			compared++;
			if (!converted.equals(Set.of(expected))) {
				differences.put(name, "JVM " + expected + ", snapshot " + converted);
			}
		}
		assertThat(compared).isGreaterThan(3000);
		assertThat(differences).isEmpty();
		Files.delete(file);
	}

	private static Map<String, Set<Long>> objectSizesByName(SnapshotModel snapshot) {
		Map<String, Set<Long>> sizes = new HashMap<>();
		for (int node = 0; node < snapshot.nodeCount(); node++) {
			if (snapshot.type(node).equals("object")) {
				sizes.computeIfAbsent(snapshot.name(node), (name) -> new HashSet<>()).add(snapshot.selfSize(node));
			}
		}
		return sizes;
	}

}
