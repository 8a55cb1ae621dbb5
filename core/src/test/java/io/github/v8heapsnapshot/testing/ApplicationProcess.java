package io.github.v8heapsnapshot.testing;

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
 * A Spring Boot application's executable jar running in a child JVM on a random loopback port,
 * with its output in a log file. Closing it stops the JVM, and so does the end of the test JVM.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class ApplicationProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern ATTACHMENT = Pattern.compile("attachment;\\s*filename=\"?([^\";]+)\"?");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Process process;

	private final Thread stopOnExit;

	private final Path log;

	private int port;

	private ApplicationProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
		this.stopOnExit = new Thread(process::destroyForcibly, "stop-application");
		Runtime.getRuntime().addShutdownHook(this.stopOnExit);
	}

	/**
	 * Start an application and wait until it serves HTTP on a random port of the loopback
	 * interface.
	 * @param jar the application's executable jar
	 * @param log the file its output goes to
	 * @param arguments its command line arguments, after the port and address
	 * @return the running application
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static ApplicationProcess start(Path jar, Path log, String... arguments)
			throws IOException, InterruptedException {
		return start(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(), jar, log, arguments);
	}

	/**
	 * Start an application in a given JVM and wait until it serves HTTP on a random port of
	 * the loopback interface.
	 * @param java the {@code java} executable
	 * @param flags JVM flags
	 * @param jar the application's executable jar
	 * @param log the file its output goes to
	 * @param arguments its command line arguments, after the port and address
	 * @return the running application
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static ApplicationProcess start(Path java, List<String> flags, Path jar, Path log, String... arguments)
			throws IOException, InterruptedException {
		Files.createDirectories(log.toAbsolutePath().getParent());
		List<String> command = new ArrayList<>(List.of(java.toString()));
		command.addAll(flags);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ApplicationProcess application = new ApplicationProcess(process, log);
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
						"The application exited with " + this.process.exitValue() + ":\n" + logTail());
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(
				"The application did not start within " + STARTUP_TIMEOUT + ":\n" + logTail());
	}

	/**
	 * Return the URI of a path of the application.
	 * @param pathAndQuery the path, with its query if any
	 * @return the URI on the loopback interface
	 */
	public URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	/**
	 * Return the process id of the application's JVM.
	 * @return the process id
	 */
	public long pid() {
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
	public HttpResponse<String> openSession(String user, String userAgent) throws IOException, InterruptedException {
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
	public Path download(String path, Path directory) throws IOException, InterruptedException {
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
	public String logTail() throws IOException {
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
