package io.github.v8heapsnapshot.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
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

	private static final Pattern ATTACHMENT = Pattern.compile("attachment;\\s*filename=\"?([^\";]+)\"?");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
		return start(Path.of(System.getProperty("java.home"), "bin", "java"), jar, workDirectory);
	}

	/**
	 * Start the application in the given JVM and wait until it serves HTTP.
	 * @param java the {@code java} executable
	 * @param jar the application's executable jar
	 * @param workDirectory where the log and the stored snapshots go
	 * @param flags JVM flags
	 * @return the running application
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	static SampleApplicationProcess start(Path java, Path jar, Path workDirectory, String... flags)
			throws IOException, InterruptedException {
		Files.createDirectories(workDirectory);
		Path log = workDirectory.resolve("sample-app.log");
		List<String> command = new ArrayList<>(List.of(java.toString()));
		command.addAll(List.of(flags));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0",
				"--v8heapsnapshot.storage.directory=" + workDirectory.resolve("snapshots")));
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
	 * Open a session, which the application leaks.
	 * @param user the user
	 * @param userAgent the {@code User-Agent} header
	 * @return the response
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	HttpResponse<String> openSession(String user, String userAgent) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/sessions?user=" + user))
			.header("User-Agent", userAgent)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return http.send(request, BodyHandlers.ofString());
	}

	/**
	 * Save a response body like a browser or {@code curl -OJ}: under the name given by
	 * {@code Content-Disposition}.
	 * @param path the path and query to get
	 * @param directory where to save it
	 * @return the saved file
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	Path download(String path, Path directory) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = http.send(
				HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5)).build(), BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new AssertionError("GET " + path + " answered " + response.statusCode() + " "
						+ new String(body.readAllBytes(), StandardCharsets.UTF_8)
						+ "; the sample application's log says:\n" + logTail());
			}
			String contentDisposition = response.headers().firstValue("Content-Disposition").orElse("");
			Matcher attachment = ATTACHMENT.matcher(contentDisposition);
			if (!attachment.find()) {
				throw new AssertionError("No file name in Content-Disposition: " + contentDisposition);
			}
			Path file = directory.resolve(Path.of(attachment.group(1)).getFileName());
			Files.createDirectories(directory);
			Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
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
