package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application killed with {@code SIGKILL} while it dumps or converts leaves files in
 * progress behind; the next start on the same directory removes them, and they are never
 * listed.
 *
 * @author v8heapsnapshot developers
 */
class CrashRecoveryTests {

	/**
	 * Summaries run after each snapshot; this test checks the directory right away.
	 */
	private static final String WITHOUT_SUMMARIES = "--v8heapsnapshot.summary.enabled=false";

	/**
	 * The output of the converting JVM, in the index directory of its snapshot.
	 */
	private static final String CONVERTER_LOG = "converter.log";

	@TempDir
	Path directory;

	@Test
	void leftoversOfKilledSnapshotsAreRemovedAtTheNextStart() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		Path log = this.directory.resolve("application.log");
		List<String> killedWhileDumping = killDuringSnapshot(storage, log,
				(application) -> hasFile(storage, (file) -> file.getFileName().toString().endsWith(".hprof")));
		List<String> killedWhileConverting = killDuringSnapshot(storage, log, CrashRecoveryTests::isConverting);
		System.out.println("Killed while dumping, left: " + killedWhileDumping + "; killed while converting, left: "
				+ killedWhileConverting);
		try (ApplicationProcess application = ApplicationProcess.start(storage, log, List.of(), WITHOUT_SUMMARIES)) {
			EndpointClient client = new EndpointClient(application.port());
			assertThat(files(storage)).isEmpty();
			assertThat(EndpointClient.names(client.list())).isEmpty();
			JsonNode stored = client.takeAndAwait();
			assertThat(stored.get("state").asString()).as(stored.toString()).isEqualTo("stored");
			String name = stored.get("name").asString();
			assertThat(EndpointClient.names(client.list())).containsExactly(name);
			// With the object id table of the running process, named as its snapshots are, and its lock
			String[] parts = name.split("\\.");
			String objectIds = ".object-ids." + parts[3] + "." + parts[4];
			assertThat(files(storage)).containsExactlyInAnyOrder(name, name + ".json", objectIds,
					objectIds + ".lock");
		}
	}

	/**
	 * Starts the application on the directory, checks that nothing from an earlier run
	 * is left or listed, asks for a snapshot, and kills the JVM as soon as the snapshot is
	 * in the given stage; a converting JVM must then stop by itself.
	 * @return the files left in the directory by the killed JVM
	 */
	private List<String> killDuringSnapshot(Path storage, Path log, Stage inProgress) throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (ApplicationProcess application = ApplicationProcess.start(storage, log, List.of(), WITHOUT_SUMMARIES)) {
			EndpointClient client = new EndpointClient(application.port());
			assertThat(files(storage)).as("files left by an earlier run").isEmpty();
			assertThat(EndpointClient.names(client.list())).isEmpty();
			Future<HttpResponse<byte[]>> request = executor.submit(() -> client.take());
			long deadline = System.nanoTime() + 60_000_000_000L;
			while (!inProgress.reached(application) && !request.isDone() && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			application.kill();
			for (String name : files(storage)) {
				Path converterLog = storage.resolve(name).resolve(CONVERTER_LOG);
				if (Files.exists(converterLog)) {
					assertThat(converterLog).as("the converting JVM stopped by itself")
						.content()
						.contains(" ended, stopping the conversion");
				}
			}
			List<String> left = files(storage);
			assertThat(left).as("files in progress when the JVM was killed").isNotEmpty()
				.allMatch((name) -> name.startsWith("."), "hidden");
			return left.stream().map((name) -> name + " (" + size(storage.resolve(name)) + " bytes)").toList();
		}
		finally {
			executor.shutdownNow();
		}
	}

	// Its watch of the application runs from the first moments of the converting JVM
	private static boolean isConverting(ApplicationProcess application) {
		return application.converter()
			.flatMap((converter) -> converter.info().startInstant())
			.filter((start) -> start.isBefore(Instant.now().minusMillis(500)))
			.isPresent();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static boolean hasFile(Path directory, Predicate<Path> matching) throws IOException {
		if (!Files.isDirectory(directory)) {
			return false;
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.anyMatch(matching);
		}
	}

	/**
	 * A stage of a snapshot in progress.
	 */
	@FunctionalInterface
	private interface Stage {

		boolean reached(ApplicationProcess application) throws IOException;

	}

	private static List<String> files(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
