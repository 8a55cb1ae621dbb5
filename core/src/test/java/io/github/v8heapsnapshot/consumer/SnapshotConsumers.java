package io.github.v8heapsnapshot.consumer;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the real consumers of {@code .heapsnapshot} files, memlab and Chrome DevTools in
 * headless Chromium, through the Node scripts of the project's {@code consumers} directory
 * and returns what they show. The directory comes from the system property
 * {@value #DIRECTORY_PROPERTY}; its npm packages are installed from the lock file when
 * missing or outdated.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class SnapshotConsumers {

	/**
	 * The system property naming the {@code consumers} directory.
	 */
	public static final String DIRECTORY_PROPERTY = "test.consumers.dir";

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final Path directory;

	private final Duration timeout;

	private SnapshotConsumers(Path directory, Duration timeout) {
		this.directory = directory;
		this.timeout = timeout;
	}

	/**
	 * Returns the consumers of the directory named by {@value #DIRECTORY_PROPERTY}, after
	 * installing their npm packages if needed.
	 * @return the consumers
	 * @throws IOException if the packages cannot be installed
	 */
	public static SnapshotConsumers installed() throws IOException {
		String property = System.getProperty(DIRECTORY_PROPERTY);
		if (property == null || !Files.isRegularFile(Path.of(property, "package-lock.json"))) {
			throw new IllegalStateException("System property " + DIRECTORY_PROPERTY
					+ " must name the project's consumers directory, was " + property);
		}
		SnapshotConsumers consumers = new SnapshotConsumers(Path.of(property).toAbsolutePath(), Duration.ofMinutes(4));
		consumers.install();
		return consumers;
	}

	/**
	 * Loads a snapshot with memlab.
	 * @param snapshot the {@code .heapsnapshot} file
	 * @param className the name of an {@code object} node whose shortest retainer path to
	 * report, or {@code null}
	 * @return what memlab computed
	 * @throws IOException if the script cannot be run
	 * @throws AssertionError if memlab cannot load the file
	 */
	public MemlabView memlab(Path snapshot, @Nullable String className) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("memlab-load.mjs", snapshot.toAbsolutePath().toString()));
		if (className != null) {
			arguments.add("--class");
			arguments.add(className);
		}
		MemlabView view = run("memlab", arguments, MemlabView.class);
		if (!view.loaded()) {
			throw new AssertionError("memlab could not load " + snapshot + ": " + view.error());
		}
		return view;
	}

	/**
	 * Loads a snapshot in Chrome DevTools and reads its Summary view.
	 * @param snapshot the {@code .heapsnapshot} file
	 * @param screenshot the PNG file to write
	 * @param classFilter the text to type into the Summary's class filter, or {@code null}
	 * @return what DevTools showed
	 * @throws IOException if the script cannot be run
	 * @throws AssertionError if DevTools cannot load the file
	 */
	public DevToolsView devTools(Path snapshot, Path screenshot, @Nullable String classFilter) throws IOException {
		requireChromium();
		List<String> arguments = new ArrayList<>(List.of("devtools-load.mjs", snapshot.toAbsolutePath().toString(),
				screenshot.toAbsolutePath().toString(), "--timeout", Long.toString(this.timeout.toSeconds() - 10)));
		if (classFilter != null) {
			arguments.add("--filter");
			arguments.add(classFilter);
		}
		DevToolsView view = run("Chrome DevTools", arguments, DevToolsView.class);
		if (!view.loaded()) {
			throw new AssertionError("Chrome DevTools could not load " + snapshot + ": " + view.error());
		}
		return view;
	}

	/**
	 * Drives the "Heap snapshots" view of a Spring Boot Admin server in headless Chromium:
	 * takes a snapshot of an instance, opens its summary, compares it with the newest snapshot
	 * listed before it (if any), downloads it and deletes it.
	 * @param admin the server's base URI
	 * @param instanceId the instance's id in the server
	 * @param directory where the screenshots and the downloaded file go
	 * @param classFilter the text to type into the class filter of the summary and the diff
	 * @return what the view showed
	 * @throws IOException if the script cannot be run
	 * @throws AssertionError if a step fails
	 */
	public AdminView adminView(URI admin, String instanceId, Path directory, String classFilter) throws IOException {
		requireChromium();
		AdminView view = run("Spring Boot Admin", List.of("admin-view.mjs", admin.toString(), instanceId,
				directory.toAbsolutePath().toString(), "--filter", classFilter, "--timeout",
				Long.toString(this.timeout.toSeconds() - 10)), AdminView.class);
		if (!view.passed()) {
			throw new AssertionError("The Spring Boot Admin view failed at " + view.error() + "; it showed " + view);
		}
		return view;
	}

	private static void requireChromium() {
		if (!Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException(CHROMIUM + " is missing: install chromium: apt-get install chromium");
		}
	}

	/**
	 * Compares snapshots of one process in Chrome DevTools, each with the one before: the
	 * Comparison view, and for the first pair the Summary of the objects allocated between
	 * them.
	 * @param snapshots the {@code .heapsnapshot} files, at least two, in the order taken
	 * @param screenshot the PNG file to write, of the first pair's filtered Comparison view
	 * @param classFilter the text to type into the class filter of both views
	 * @return what DevTools showed
	 * @throws IOException if the script cannot be run
	 * @throws AssertionError if DevTools cannot load or compare the files
	 */
	public DevToolsComparison devToolsComparison(List<Path> snapshots, Path screenshot, String classFilter)
			throws IOException {
		requireChromium();
		List<String> arguments = new ArrayList<>(List.of("devtools-compare.mjs"));
		snapshots.forEach((snapshot) -> arguments.add(snapshot.toAbsolutePath().toString()));
		arguments.addAll(List.of(screenshot.toAbsolutePath().toString(), "--filter", classFilter, "--timeout",
				Long.toString(this.timeout.toSeconds() - 10)));
		DevToolsComparison comparison = run("Chrome DevTools", arguments, DevToolsComparison.class);
		if (!comparison.compared()) {
			throw new AssertionError("Chrome DevTools could not compare " + snapshots + ": " + comparison.error());
		}
		return comparison;
	}

	/**
	 * Runs memlab's {@code find-leaks} on three snapshots of one process: the objects of the
	 * target that the baseline does not have and the last snapshot still has, if they retain
	 * more than a size ({@code --trace-object-size-above}; 0 for all,
	 * {@code --trace-all-objects}).
	 * @param baseline the first snapshot
	 * @param target the snapshot taken after the actions that leak
	 * @param last the snapshot taken after that
	 * @param sizeAbove the bytes a candidate must retain
	 * @return the leaks memlab reported
	 * @throws IOException if the script cannot be run
	 * @throws AssertionError if memlab cannot analyse the files
	 */
	public MemlabLeaks memlabFindLeaks(Path baseline, Path target, Path last, long sizeAbove) throws IOException {
		MemlabLeaks leaks = run("memlab",
				List.of("memlab-find-leaks.mjs", baseline.toAbsolutePath().toString(),
						target.toAbsolutePath().toString(), last.toAbsolutePath().toString(),
						"--trace-object-size-above", Long.toString(sizeAbove)),
				MemlabLeaks.class);
		if (!leaks.analysed()) {
			throw new AssertionError("memlab could not find leaks in " + target + ": " + leaks.error());
		}
		return leaks;
	}

	private <T> T run(String consumer, List<String> arguments, Class<T> view) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(executable("node", "install node: apt-get install nodejs npm"));
		command.addAll(arguments);
		Result result = execute(command, this.timeout);
		try {
			return JSON.readValue(result.stdout(), view);
		}
		catch (JacksonException ex) {
			throw new AssertionError(consumer + " gave no result (exit " + result.exitCode() + "): " + result.stdout()
					+ result.stderr(), ex);
		}
	}

	private void install() throws IOException {
		Path lockFile = this.directory.resolve("package-lock.json");
		Path installed = this.directory.resolve("node_modules/.package-lock.json");
		try (FileChannel channel = FileChannel.open(this.directory.resolve(".install.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			// Held until the channel closes: test JVMs of other modules may install at the same time
			channel.lock();
			if (Files.exists(installed) && modified(installed).compareTo(modified(lockFile)) >= 0) {
				return;
			}
			List<String> command = List.of(executable("npm", "install npm: apt-get install nodejs npm"), "ci",
					"--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
			Result result = execute(command, INSTALL_TIMEOUT);
			if (result.exitCode() != 0) {
				throw new IOException("npm ci failed in " + this.directory + " (exit " + result.exitCode() + "): "
						+ result.stderr());
			}
		}
	}

	private Result execute(List<String> command, Duration limit) throws IOException {
		Path stdout = Files.createTempFile("v8heapsnapshot-consumer", ".out");
		Path stderr = Files.createTempFile("v8heapsnapshot-consumer", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			// memlab depends on puppeteer, which must not download a browser
			builder.environment().put("PUPPETEER_SKIP_DOWNLOAD", "1");
			Process process = builder.start();
			try {
				if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
					stop(process);
					throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + ": "
							+ tail(Files.readString(stderr)));
				}
			}
			catch (InterruptedException ex) {
				stop(process);
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while running " + command, ex);
			}
			return new Result(process.exitValue(), Files.readString(stdout), tail(Files.readString(stderr)));
		}
		finally {
			Files.deleteIfExists(stdout);
			Files.deleteIfExists(stderr);
		}
	}

	private static void stop(Process process) throws IOException {
		// SIGTERM first: the DevTools script then stops its Chromium
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String executable(String name, String advice) {
		String path = System.getenv("PATH");
		for (String entry : (path != null) ? path.split(File.pathSeparator) : new String[0]) {
			Path candidate = Path.of(entry, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new IllegalStateException(name + " is not on the PATH: " + advice);
	}

	private static FileTime modified(Path file) throws IOException {
		return Files.getLastModifiedTime(file);
	}

	private static String tail(String text) {
		return (text.length() > 2000) ? "…" + text.substring(text.length() - 2000) : text;
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
