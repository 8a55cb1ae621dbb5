package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.testing.FixtureDump;
import io.github.v8heapsnapshot.testing.SnapshotModel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Dumps of the fixture heap taken by forked JVMs and converted by the engine, taken once per
 * JVM configuration and shared by the test classes of a run.
 *
 * @author v8heapsnapshot developers
 */
final class FixtureConversions {

	/**
	 * The JVM configurations whose dumps the tests convert.
	 */
	static final List<Jvm> JVMS = List.of(new Jvm("jdk17", 17), new Jvm("jdk25", 25),
			new Jvm("jdk25-compact-headers", 25, "-XX:+UseCompactObjectHeaders"),
			new Jvm("jdk17-no-compressed-oops", 17, "-XX:-UseCompressedOops"),
			new Jvm("jdk25-no-compressed-class-pointers", 25, "-XX:-UseCompressedClassPointers"),
			new Jvm("jdk17-alignment-16", 17, "-XX:ObjectAlignmentInBytes=16"));

	private static final Path DIRECTORY = temporaryDirectory();

	private static final Map<String, Converted> converted = new ConcurrentHashMap<>();

	private FixtureConversions() {
	}

	/**
	 * Returns the converted dump of a JVM configuration, skipping the test if that JDK is
	 * not installed.
	 * @param jvm the configuration
	 * @return the dump and its conversion
	 */
	static Converted of(Jvm jvm) {
		Path java = FixtureDump.java(jvm.feature()).orElse(null);
		assumeTrue(java != null, () -> "JDK " + jvm.feature() + " is not installed");
		return converted.computeIfAbsent(jvm.name(), (name) -> {
			try {
				FixtureDump dump = FixtureDump.take(java, DIRECTORY.resolve(name), jvm.flags());
				Path snapshot = dump.hprof().resolveSibling("fixture.heapsnapshot");
				ConversionResult result = new HeapSnapshotConverter(ConversionOptions.defaults().withLayout(dump.layout()))
					.convert(dump.hprof(), snapshot);
				return new Converted(dump, snapshot, result, SnapshotModel.read(snapshot));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	// Private to this test JVM, so that builds running side by side do not share files
	private static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("v8heapsnapshot-fixtures");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// Left for the operating system's temp cleaner
		}
	}

	/**
	 * A JVM configuration.
	 *
	 * @param name a name for files and test names
	 * @param feature the JDK's feature version
	 * @param flags the JVM flags
	 */
	record Jvm(String name, int feature, String... flags) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * A fixture dump and its conversion.
	 *
	 * @param dump the dump with what is true of its heap
	 * @param file the {@code .heapsnapshot} file
	 * @param result what the converter reported
	 * @param snapshot the file as read back
	 */
	record Converted(FixtureDump dump, Path file, ConversionResult result, SnapshotModel snapshot) {
	}

}
