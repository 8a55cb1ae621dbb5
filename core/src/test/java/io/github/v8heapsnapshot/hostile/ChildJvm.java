package io.github.v8heapsnapshot.hostile;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs a main class of the tests in a child JVM with the classes of core and its tests.
 *
 * @author v8heapsnapshot developers
 */
final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Runs a main class and waits for it.
	 * @param directory where the output and the child's {@code java.io.tmpdir} go
	 * @param timeoutSeconds how long to wait before the child counts as hung
	 * @param jvmOptions options of the JVM such as {@code -Xmx64m}
	 * @param main the main class
	 * @param args its arguments
	 * @return the exit code and output
	 * @throws IOException if the child cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Result run(Path directory, long timeoutSeconds, List<String> jvmOptions, Class<?> main, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		Path tmp = Files.createTempDirectory(directory, "java-tmp");
		command.add("-Djava.io.tmpdir=" + tmp);
		command.add("-cp");
		command.add(classPath(main, HeapSnapshotConverter.class));
		command.add(main.getName());
		command.addAll(List.of(args));
		Path stdout = Files.createTempFile(directory, "child", ".out");
		Path stderr = Files.createTempFile(directory, "child", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				fail("%s did not finish within %d s: %s", main.getSimpleName(), timeoutSeconds,
						Files.readString(stderr, StandardCharsets.UTF_8));
			}
			List<String> leftovers;
			try (Stream<Path> files = Files.list(tmp)) {
				leftovers = files.map((file) -> file.getFileName().toString()).toList();
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8), leftovers);
		}
		finally {
			process.destroyForcibly();
			Files.delete(stdout);
			Files.delete(stderr);
		}
	}

	/**
	 * Dumps the live heap of a small child JVM.
	 * @param hprof the file to write
	 * @param valuesFile the values the child keeps in its heap, or {@code null}
	 * @throws IOException if the dump fails
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void dumpSmallHeap(Path hprof, @Nullable Path valuesFile) throws IOException, InterruptedException {
		dumpSmallHeap(hprof, valuesFile, 0);
	}

	/**
	 * Dumps the live heap of a small child JVM that also keeps a chain of small objects.
	 * @param hprof the file to write
	 * @param valuesFile the values the child keeps in its heap, or {@code null}
	 * @param objects how many objects to keep in the chain
	 * @throws IOException if the dump fails
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void dumpSmallHeap(Path hprof, @Nullable Path valuesFile, int objects) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of(hprof.toString()));
		if (valuesFile != null) {
			args.add(valuesFile.toString());
		}
		Result result = run(hprof.getParent(), 60,
				List.of("-Xmx" + (32 + objects / 5000) + "m", "-XX:TieredStopAtLevel=1", "-Dsmall-heap.objects=" + objects),
				SmallHeapApplication.class, args.toArray(String[]::new));
		if (result.exitCode() != 0) {
			fail("Dump failed: %s", result.stderr());
		}
	}

	private static String classPath(Class<?>... classes) {
		Set<String> entries = new LinkedHashSet<>();
		for (Class<?> type : classes) {
			try {
				entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * What a child JVM did.
	 *
	 * @param exitCode its exit code
	 * @param stdout its standard output
	 * @param stderr its standard error
	 * @param tempLeftovers the names of the files it left in its temp directory
	 */
	record Result(int exitCode, String stdout, String stderr, List<String> tempLeftovers) {

	}

}
