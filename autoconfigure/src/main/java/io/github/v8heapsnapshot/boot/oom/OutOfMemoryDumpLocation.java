package io.github.v8heapsnapshot.boot.oom;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

/**
 * Where the JVM writes its heap dump on an {@link OutOfMemoryError}, as
 * {@code -XX:HeapDumpPath} says: a directory that gets {@code java_pid<pid>.hprof} files,
 * or a file name that may hold {@code %p} for the process id (expanded since JDK 23,
 * kept as it is before); without it, the working directory. Dumps of earlier processes are
 * found by the same rules.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class OutOfMemoryDumpLocation {

	private static final Pattern DEFAULT_NAME = Pattern.compile("java_pid\\d+(\\.\\d+)?\\.hprof");

	private final Path directory;

	private final Pattern names;

	private OutOfMemoryDumpLocation(Path directory, Pattern names) {
		this.directory = directory;
		this.names = names;
	}

	/**
	 * Returns the location that this JVM's {@code -XX:+HeapDumpOnOutOfMemoryError} and
	 * {@code -XX:HeapDumpPath} flags name.
	 * @return the location, or {@code null} when the JVM does not dump on an
	 * {@code OutOfMemoryError}
	 */
	public static @Nullable OutOfMemoryDumpLocation ofRunningJvm() {
		HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		if (!Boolean.parseBoolean(diagnostics.getVMOption("HeapDumpOnOutOfMemoryError").getValue())) {
			return null;
		}
		return of(diagnostics.getVMOption("HeapDumpPath").getValue());
	}

	/**
	 * Returns the location a {@code -XX:HeapDumpPath} value names.
	 * @param heapDumpPath the value, empty for the working directory
	 * @return the location
	 */
	public static OutOfMemoryDumpLocation of(String heapDumpPath) {
		Path path = Path.of(heapDumpPath.isEmpty() ? "." : heapDumpPath).toAbsolutePath().normalize();
		if (heapDumpPath.isEmpty() || Files.isDirectory(path)) {
			return new OutOfMemoryDumpLocation(path, DEFAULT_NAME);
		}
		String name = path.getFileName().toString();
		StringBuilder regex = new StringBuilder();
		for (String part : name.split("%p", -1)) {
			if (!regex.isEmpty()) {
				regex.append("(\\d+|%p)");
			}
			regex.append(Pattern.quote(part));
		}
		// Later dumps of the same process get .1, .2, ... appended
		return new OutOfMemoryDumpLocation(Objects.requireNonNull(path.getParent()), Pattern.compile(regex + "(\\.\\d+)?"));
	}

	/**
	 * Returns the directory the dumps are written to.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns the dumps found there, oldest first.
	 * @return the dumps
	 * @throws IOException if the directory cannot be read
	 */
	public List<OutOfMemoryDump> find() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		List<OutOfMemoryDump> dumps = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (this.names.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
					dumps.add(OutOfMemoryDump.of(file));
				}
			}
		}
		dumps.sort(Comparator.comparing(OutOfMemoryDump::time));
		return dumps;
	}

	@Override
	public String toString() {
		return this.directory.resolve(this.names.pattern()).toString();
	}

}
