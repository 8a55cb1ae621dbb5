package io.github.v8heapsnapshot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.layout.ObjectLayout;

/**
 * A heap dump of the {@link FixtureHeap} taken by a forked JVM, with what is true of it.
 *
 * @param hprof the dump
 * @param truth counts, values and JOL sizes recorded by the forked JVM before dumping
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record FixtureDump(Path hprof, Properties truth) {

	/**
	 * Takes a dump in a forked JVM.
	 * @param java the {@code java} executable
	 * @param directory where to write the dump and the truth file
	 * @param flags JVM flags, such as {@code -XX:-UseCompressedOops}
	 * @return the dump
	 * @throws IOException if the JVM fails
	 */
	public static FixtureDump take(Path java, Path directory, String... flags) throws IOException {
		return take(FixtureHeap.class, java, directory, flags);
	}

	/**
	 * Takes a dump in a forked JVM that runs the given fixture.
	 * @param fixture the class whose {@code main(DUMP.hprof, TRUTH.properties)} builds a heap,
	 * records its truth and dumps it
	 * @param java the {@code java} executable
	 * @param directory where to write the dump and the truth file
	 * @param flags JVM flags, such as {@code -XX:-UseCompressedOops}
	 * @return the dump
	 * @throws IOException if the JVM fails
	 */
	public static FixtureDump take(Class<?> fixture, Path java, Path directory, String... flags) throws IOException {
		Files.createDirectories(directory);
		Path hprof = directory.resolve("fixture.hprof");
		Path truthFile = directory.resolve("fixture.properties");
		Files.deleteIfExists(hprof);
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseG1GC",
				"-Djdk.attach.allowAttachSelf=true", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"));
		command.addAll(List.of(flags));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), fixture.getName(),
				hprof.toString(), truthFile.toString()));
		Path log = directory.resolve("fixture.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IOException("The fixture JVM did not finish within 2 minutes: " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while taking a fixture dump", ex);
		}
		if (process.exitValue() != 0 || !Files.exists(hprof)) {
			throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
					+ Files.readString(log));
		}
		Properties truth = new Properties();
		try (InputStream in = Files.newInputStream(truthFile)) {
			truth.load(in);
		}
		return new FixtureDump(hprof, truth);
	}

	/**
	 * Returns the {@code java} executable of a JDK of the given feature version: the one
	 * running this code, or one installed under {@code /usr/lib/jvm}.
	 * @param feature the feature version, such as 17 or 25
	 * @return the executable, if that JDK is installed
	 */
	public static Optional<Path> java(int feature) {
		if (Runtime.version().feature() == feature) {
			return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
		}
		return List.of("temurin-" + feature + "-jdk-amd64", "java-" + feature + "-openjdk-amd64")
			.stream()
			.map((name) -> Path.of("/usr/lib/jvm", name, "bin", "java"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Returns the object layout of the JVM that wrote the dump, as it reported its flags.
	 * @return the layout
	 */
	public ObjectLayout layout() {
		return new ObjectLayout(intValue("layout.javaVersion"),
				Boolean.parseBoolean(value("layout.UseCompressedOops")),
				Boolean.parseBoolean(value("layout.UseCompressedClassPointers")),
				Boolean.parseBoolean(value("layout.UseCompactObjectHeaders")), intValue("layout.ObjectAlignmentInBytes"));
	}

	/**
	 * Returns a recorded value.
	 * @param key the key
	 * @return the value
	 * @throws IllegalArgumentException if nothing was recorded under that key
	 */
	public String value(String key) {
		String value = this.truth.getProperty(key);
		if (value == null) {
			throw new IllegalArgumentException("The fixture recorded no " + key);
		}
		return value;
	}

	/**
	 * Returns a recorded number.
	 * @param key the key
	 * @return the value
	 */
	public long longValue(String key) {
		return Long.parseLong(value(key));
	}

	private int intValue(String key) {
		return Integer.parseInt(value(key));
	}

}
