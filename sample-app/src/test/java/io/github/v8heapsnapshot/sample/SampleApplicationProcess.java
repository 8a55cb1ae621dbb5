package io.github.v8heapsnapshot.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample application's jar running in a child JVM on a random port, with its output in a
 * log file. Closing it stops the JVM, and so does the end of the test JVM.
 *
 * @author v8heapsnapshot developers
 */
final class SampleApplicationProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final Thread stopOnExit;

	private final Path log;

	private int port;

	private SampleApplicationProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
		this.stopOnExit = new Thread(process::destroyForcibly, "stop-sample-application");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/**
	 * Start the application and wait until it serves HTTP.
	 * @param jar the application's executable jar
	 * @param workDirectory where the log and the stored snapshots go
	 * @return the running application
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static SampleApplicationProcess start(Path jar, Path workDirectory) throws IOException, InterruptedException {
		Files.createDirectories(workDirectory);
		Path log = workDirectory.resolve("sample-app.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-jar", jar.toString(), "--server.port=0",
				"--v8heapsnapshot.storage.directory=" + workDirectory.resolve("snapshots"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SampleApplicationProcess application = new SampleApplicationProcess(process, log);
		try {
			application.awaitPort();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			application.close();
			throw ex;
		}
		return application;
	}

	private void awaitPort() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher started = STARTED.matcher(Files.readString(this.log, StandardCharsets.UTF_8));
			if (started.find()) {
				this.port = Integer.parseInt(started.group(1));
				return;
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The sample application exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(
				"The sample application did not start within " + STARTUP_TIMEOUT + ":\n" + logTail());
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Return the end of the application's log, from its last error if it logged one.
	 * @return up to 20 lines of the log
	 * @throws IOException if the log cannot be read
	 */
	String logTail() throws IOException {
		List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
		int from = Math.max(0, lines.size() - 20);
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).contains(" ERROR ")) {
				from = i;
				break;
			}
		}
		return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 20)));
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
	}

}
