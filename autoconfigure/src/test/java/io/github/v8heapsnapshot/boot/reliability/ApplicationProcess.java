package io.github.v8heapsnapshot.boot.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.cli.HeapSnapshotCommand;

/**
 * The {@link ReliabilityApplication} in a child JVM, with the endpoint exposed and
 * unrestricted, its snapshots in a given directory, and its output in a log file.
 *
 * @author v8heapsnapshot developers
 */
public final class ApplicationProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private final Path storage;

	private ApplicationProcess(Process process, int port, Path log, Path storage) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.storage = storage;
	}

	/**
	 * Starts the application and waits until it serves requests.
	 * @param storage the storage directory of the snapshots
	 * @param log the file for the output of the child JVM
	 * @param jvmOptions options of the JVM such as {@code -Xmx96m}
	 * @param arguments more application arguments such as {@code --name=value}
	 * @return the running application
	 */
	public static ApplicationProcess start(Path storage, Path log, List<String> jvmOptions, String... arguments)
			throws IOException, InterruptedException {
		return start(storage, log, jvmOptions, (entry) -> true, arguments);
	}

	/**
	 * Starts the application on a part of the test's class path and waits until it
	 * serves requests.
	 * @param storage the storage directory of the snapshots
	 * @param log the file for the output of the child JVM
	 * @param jvmOptions options of the JVM such as {@code -Xmx96m}
	 * @param classPathEntry which entries of the test's class path the application gets
	 * @param arguments more application arguments such as {@code --name=value}
	 * @return the running application
	 */
	public static ApplicationProcess start(Path storage, Path log, List<String> jvmOptions,
			Predicate<String> classPathEntry, String... arguments) throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(classPathEntry)
			.collect(Collectors.joining(File.pathSeparator)));
		command.add(ReliabilityApplication.class.getName());
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.add("--management.endpoints.web.exposure.include=health,v8heapsnapshot");
		command.add("--management.endpoint.v8heapsnapshot.access=unrestricted");
		command.add("--v8heapsnapshot.storage.directory=" + storage);
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		ApplicationProcess application = new ApplicationProcess(process, port, log, storage);
		application.awaitUp();
		return application;
	}

	private void awaitUp() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The application ended on start: " + output());
			}
			try {
				int status = client
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
						.build(), BodyHandlers.discarding())
					.statusCode();
				if (status == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet
			}
			Thread.sleep(200);
		}
		close();
		throw new IllegalStateException("The application did not start within 90 s: " + output());
	}

	/**
	 * Returns the port the application listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the JVM's process.
	 * @return the process handle
	 */
	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/**
	 * Returns the JVM that converts a snapshot of the application, if one runs.
	 * @return the converting JVM
	 */
	Optional<ProcessHandle> converter() {
		return this.process.descendants()
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> Arrays.asList(arguments).contains(HeapSnapshotCommand.class.getName()))
				.orElse(false))
			.findFirst();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns what the application wrote so far.
	 * @return the output
	 */
	public String output() throws IOException {
		return Files.readString(this.log, StandardCharsets.UTF_8);
	}

	/**
	 * Kills the JVM at once with {@code SIGKILL}, as the kernel's OOM killer or
	 * {@code kill -9} would, and waits for its converting JVM, which watches it, to end
	 * by itself.
	 * @throws AssertionError if a converting JVM runs on for 15 s (it is then killed)
	 */
	void kill() throws InterruptedException {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroyForcibly();
		this.process.waitFor();
		// A converting JVM that started while the application was killed is no longer its child
		List<ProcessHandle> orphans = ProcessHandle.allProcesses().filter(this::convertsInStorage).toList();
		for (ProcessHandle child : Stream.concat(children.stream(), orphans.stream()).toList()) {
			try {
				child.onExit().get(15, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				child.destroyForcibly();
				throw new AssertionError("A converting JVM outlived the killed application: " + child.info(), ex);
			}
		}
	}

	private boolean convertsInStorage(ProcessHandle process) {
		String storage = this.storage.toAbsolutePath().toString();
		return process.info()
			.arguments()
			.map((arguments) -> Arrays.stream(arguments).anyMatch((argument) -> argument.startsWith(storage)))
			.orElse(false);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
